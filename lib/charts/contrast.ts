/**
 * WCAG 2 contrast between two colours, for checking text against what it sits on (the themes' tokens
 * in unit tests, the rendered page in e2e). Reads "#rgb", "#rrggbb", "rgb(…)" and "rgba(…)"; a
 * translucent colour is blended over the one under it first. Pure.
 */

export type Rgba = { r: number; g: number; b: number; a: number };

/** WCAG AA: normal text needs 4.5:1, large text and the lines of a chart 3:1. */
export const AA_TEXT = 4.5;
export const AA_GRAPHICS = 3;

export function parseColor(text: string): Rgba | null {
  const s = text.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(s);
  if (hex) {
    const h = hex[1] ?? "";
    const full = h.length === 3 ? [...h].map((c) => c + c).join("") : h;
    return { r: parseInt(full.slice(0, 2), 16), g: parseInt(full.slice(2, 4), 16), b: parseInt(full.slice(4, 6), 16), a: 1 };
  }
  const fn = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(s);
  if (!fn) return null;
  const alpha = fn[4] === undefined ? 1 : fn[4].endsWith("%") ? parseFloat(fn[4]) / 100 : parseFloat(fn[4]);
  return { r: Number(fn[1]), g: Number(fn[2]), b: Number(fn[3]), a: Math.max(0, Math.min(1, alpha)) };
}

/** `top` painted over the opaque `under`. */
export function blend(top: Rgba, under: Rgba): Rgba {
  const a = top.a;
  return { r: top.r * a + under.r * (1 - a), g: top.g * a + under.g * (1 - a), b: top.b * a + under.b * (1 - a), a: 1 };
}

function channel(v: number): number {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance(c: Rgba): number {
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

/**
 * Contrast of `fg` on `bg`, from 1 to 21. Translucent layers are blended, bottom first: `bg` over
 * `base` (white unless given), then `fg` over that. NaN when a colour cannot be read.
 */
export function contrastRatio(fg: string, bg: string, base = "#ffffff"): number {
  const f = parseColor(fg);
  const b = parseColor(bg);
  const under = parseColor(base);
  if (!f || !b || !under) return Number.NaN;
  const back = blend(b, { ...under, a: 1 });
  const front = blend(f, back);
  const [hi, lo] = [relativeLuminance(front), relativeLuminance(back)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
