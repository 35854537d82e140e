// Lets tests import modules guarded by "server-only".
export {};
