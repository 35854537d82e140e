/** A generated SVG logo per Sandbox institution (coloured tile with initials). */
import { escapeHtml } from "./consent-page";
import { findInstitution } from "./institutions";
import { notFound } from "./http";

export function logo(file: string): Response {
  const institution = findInstitution(file.replace(/\.svg$/, ""));
  if (!institution || !file.endsWith(".svg")) throw notFound("This logo");
  const initials = institution.name
    .split(" ")
    .filter((word) => /^[A-Z0-9]/.test(word))
    .map((word) => word[0])
    .join("")
    .slice(0, 3);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64" role="img" aria-label="${escapeHtml(institution.name)}">
<rect width="64" height="64" rx="14" fill="${institution.logoColor}"/>
<text x="32" y="40" text-anchor="middle" font-family="system-ui,sans-serif" font-size="22" font-weight="700" fill="#fff">${escapeHtml(initials)}</text>
</svg>`;
  return new Response(svg, { headers: { "content-type": "image/svg+xml", "cache-control": "public, max-age=86400" } });
}
