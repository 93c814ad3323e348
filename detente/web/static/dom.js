/* DOM and HTTP helpers: building elements, links, fetching JSON, status lines.
 *
 * Documents are untrusted. Everything that comes from the API is put into the page as text
 * (createElement + textContent / append(string)) through el(); no HTML is ever parsed from
 * data, and no href or src is set from data except an http(s) document URL (see safeLink).
 */

export const $ = (selector, root = document) => root.querySelector(selector);
export const enc = encodeURIComponent;

/** An element with attributes, listeners (on*) and children (nodes or strings, as text). */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = String(value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) {
      if (typeof value !== "function") throw new Error(`${key} must be a function`);
      node.addEventListener(key.slice(2), value);
    } else if (key === "href" || key === "src") throw new Error("set links with safeLink()");
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** A link only for http(s) URLs; anything else (javascript:, data:, …) is shown as plain text. */
export function safeLink(url, label) {
  const text = label || url;
  let parsed = null;
  try {
    parsed = new URL(String(url));
  } catch (_) {
    parsed = null;
  }
  if (parsed && (parsed.protocol === "http:" || parsed.protocol === "https:")) {
    const link = el("a", {rel: "noopener noreferrer nofollow", target: "_blank", class: "external"}, text);
    link.href = parsed.href;
    return link;
  }
  return el("span", {class: "url-text"}, text);
}

export function withParams(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value === null || value === undefined || value === "" || value === false) continue;
    query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export async function getJSON(path, params) {
  const response = await fetch(withParams(path, params), {headers: {Accept: "application/json"}});
  if (!response.ok) {
    let detail = response.statusText;
    try {
      const body = await response.json();
      if (typeof body.detail === "string") detail = body.detail;
      else if (Array.isArray(body.detail)) detail = body.detail.map((d) => d.msg || JSON.stringify(d)).join("; ");
    } catch (_) { /* not JSON */ }
    const error = new Error(`${response.status} ${detail}`);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

export function setStatus(node, message, kind) {
  node.textContent = message || "";
  node.classList.toggle("error", kind === "error");
}

export const fresh = (node) => delete node.dataset.stale;
