/**
 * A small horizontal grouped-bar chart writer: enough for throughput and latency per
 * scenario, with no charting dependency (the charts are static files in the repository and
 * in docs/benchmarks.md). Presentation attributes only, no scripts.
 */
export type Series = { name: string; color: string };
export type Row = { label: string; values: Array<number | undefined> };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fmt = (v: number) => (v >= 100 ? String(Math.round(v)) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

export function hbarChart(opts: { title: string; unit: string; series: Series[]; rows: Row[]; log?: boolean }): string {
  const labelW = 250;
  const plotW = 520;
  const bar = 13;
  const gap = 10;
  const top = 56;
  const rowH = opts.series.length * bar + gap;
  const height = top + opts.rows.length * rowH + 30;
  const width = labelW + plotW + 90;
  const max = Math.max(1e-9, ...opts.rows.flatMap((r) => r.values.filter((v): v is number => v !== undefined)));
  const scale = (v: number) => (opts.log ? (Math.log10(1 + v) / Math.log10(1 + max)) * plotW : (v / max) * plotW);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12" role="img" aria-label="${esc(opts.title)}">`,
    `<title>${esc(opts.title)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="12" y="22" font-size="15" font-weight="bold" fill="#1b1b1b">${esc(opts.title)}</text>`,
  ];
  opts.series.forEach((s, i) => {
    const x = labelW + i * 170;
    out.push(`<rect x="${x}" y="34" width="12" height="12" fill="${s.color}"/><text x="${x + 18}" y="44" fill="#333">${esc(s.name)}</text>`);
  });
  out.push(`<text x="${width - 12}" y="22" text-anchor="end" fill="#666">${esc(opts.unit)}${opts.log ? ' (log scale)' : ''}</text>`);
  opts.rows.forEach((r, i) => {
    const y = top + i * rowH;
    out.push(`<text x="${labelW - 8}" y="${y + (opts.series.length * bar) / 2 + 4}" text-anchor="end" fill="#1b1b1b">${esc(r.label)}</text>`);
    r.values.forEach((v, j) => {
      if (v === undefined) return;
      const w = Math.max(1, scale(v));
      const by = y + j * bar;
      out.push(`<rect x="${labelW}" y="${by}" width="${w.toFixed(1)}" height="${bar - 2}" fill="${opts.series[j]!.color}"/>`);
      out.push(`<text x="${(labelW + w + 4).toFixed(1)}" y="${by + bar - 3}" fill="#333" font-size="11">${fmt(v)}</text>`);
    });
  });
  out.push(`<line x1="${labelW}" y1="${top - 4}" x2="${labelW}" y2="${height - 24}" stroke="#999"/>`, '</svg>');
  return `${out.join('\n')}\n`;
}
