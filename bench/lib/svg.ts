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

/**
 * A time-series chart: lines per series over seconds, with events (faults) drawn as labelled
 * vertical bands from their start to their recovery. Used by the chaos report.
 */
export type Line = { name: string; color: string; values: number[] };
export type Mark = { from: number; to: number; label: string; color: string };

export function timelineChart(opts: { title: string; unit: string; lines: Line[]; marks: Mark[]; seconds: number }): string {
  const left = 56;
  const plotW = 860;
  const top = 60;
  const plotH = 240;
  const width = left + plotW + 24;
  const height = top + plotH + 48;
  const max = Math.max(1, ...opts.lines.flatMap((l) => l.values));
  const x = (s: number) => left + (Math.max(0, Math.min(opts.seconds, s)) / Math.max(1, opts.seconds)) * plotW;
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12" role="img" aria-label="${esc(opts.title)}">`,
    `<title>${esc(opts.title)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="12" y="22" font-size="15" font-weight="bold" fill="#1b1b1b">${esc(opts.title)}</text>`,
  ];
  let lx = left;
  for (const l of opts.lines) {
    out.push(`<rect x="${lx}" y="34" width="12" height="12" fill="${l.color}"/><text x="${lx + 18}" y="44" fill="#333">${esc(l.name)}</text>`);
    lx += 30 + l.name.length * 7;
  }
  for (const m of [...new Map(opts.marks.map((m) => [m.color, m])).values()]) {
    out.push(`<rect x="${lx}" y="34" width="12" height="12" fill="${m.color}" fill-opacity="0.35"/><text x="${lx + 18}" y="44" fill="#333">${esc(m.label)}</text>`);
    lx += 30 + m.label.length * 7;
  }
  for (const m of opts.marks) {
    const x1 = x(m.from);
    const w = Math.max(1.5, x(m.to) - x1);
    out.push(`<rect x="${x1.toFixed(1)}" y="${top}" width="${w.toFixed(1)}" height="${plotH}" fill="${m.color}" fill-opacity="0.35"><title>${esc(m.label)}</title></rect>`);
  }
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    out.push(`<line x1="${left}" y1="${y(v).toFixed(1)}" x2="${left + plotW}" y2="${y(v).toFixed(1)}" stroke="#e3e3e3"/>`, `<text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" fill="#555">${fmt(v)}</text>`);
  }
  const step = opts.seconds > 600 ? 120 : opts.seconds > 240 ? 60 : opts.seconds > 60 ? 20 : 10;
  for (let s = 0; s <= opts.seconds; s += step) out.push(`<text x="${x(s).toFixed(1)}" y="${top + plotH + 16}" text-anchor="middle" fill="#555">${s}</text>`);
  out.push(`<text x="${left + plotW / 2}" y="${top + plotH + 34}" text-anchor="middle" fill="#555">seconds since the load started</text>`);
  out.push(`<text x="${left}" y="${top - 6}" fill="#666">${esc(opts.unit)}</text>`);
  for (const l of opts.lines) {
    const pts = l.values.map((v, i) => `${x(i + 0.5).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    out.push(`<polyline points="${pts}" fill="none" stroke="${l.color}" stroke-width="1.6"/>`);
  }
  out.push(`<rect x="${left}" y="${top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`, '</svg>');
  return `${out.join('\n')}\n`;
}
