/**
 * The charts' colours for the light and the dark colour scheme, and the ECharts themes made from
 * them (registered in echarts-setup.ts as "dqs-light" and "dqs-dark"). The option builders take a
 * `ColorScheme` for what a theme cannot set (series colours, shaded areas, threshold lines); the rest
 * — text, axes, grid lines, tooltips, the zoom slider — comes from the theme. The colours match the
 * page's CSS variables in app/globals.css. Pure.
 */

export type ColorScheme = "light" | "dark";

export type ChartPalette = {
  /** What the chart is drawn on (the page's --panel). */
  background: string;
  text: string;
  muted: string;
  axisLine: string;
  splitLine: string;
  /** One colour per channel position. */
  channels: readonly string[];
  /** Shaded ground truth. */
  groundTruth: string;
  /** The threshold in effect, and the dimmed ones. */
  threshold: string;
  dimmed: string;
  manual: string;
  /** The labelling page's onset line and marked region's name (on light, a darker red than the threshold's). */
  onset: string;
  /** The refined threshold's optimal interval: fill, edge, label. */
  band: string;
  bandEdge: string;
  bandText: string;
  /** The drag-to-zoom selection. */
  selection: string;
  /** The overview's data drawn in the zoom slider. */
  overviewLine: string;
  overviewArea: string;
};

export const CHART_PALETTES: Record<ColorScheme, ChartPalette> = {
  light: {
    background: "#ffffff",
    text: "#1c2430",
    muted: "#5b6676",
    axisLine: "#aeb7c3",
    splitLine: "#eef1f5",
    channels: ["#2458d6", "#c2410c", "#0f766e", "#7c3aed", "#b45309", "#be185d", "#15803d", "#0369a1", "#4d7c0f", "#9f1239"],
    groundTruth: "rgba(214, 40, 40, 0.13)",
    threshold: "#c0392b",
    dimmed: "#6b7280",
    manual: "#7d3cc0",
    onset: "#b42318",
    band: "rgba(192, 57, 43, 0.13)",
    bandEdge: "rgba(192, 57, 43, 0.45)",
    bandText: "#9b2c1f",
    selection: "rgba(36, 88, 214, 0.18)",
    overviewLine: "#8a96a8",
    overviewArea: "rgba(36, 88, 214, 0.12)",
  },
  dark: {
    background: "#171d26",
    text: "#e6ebf2",
    muted: "#a3aebd",
    axisLine: "#5a6678",
    splitLine: "#263040",
    channels: ["#7aa2ff", "#ff9a5c", "#4fd1c5", "#b794f6", "#f6c453", "#f687b3", "#68d391", "#63b3ed", "#a3e635", "#fb7185"],
    groundTruth: "rgba(248, 113, 113, 0.2)",
    threshold: "#ff7b72",
    dimmed: "#9aa5b4",
    manual: "#c4a1ff",
    onset: "#ff7b72",
    band: "rgba(255, 123, 114, 0.16)",
    bandEdge: "rgba(255, 123, 114, 0.5)",
    bandText: "#ffa198",
    selection: "rgba(122, 162, 255, 0.25)",
    overviewLine: "#7d8899",
    overviewArea: "rgba(122, 162, 255, 0.16)",
  },
};

export function chartPalette(scheme: ColorScheme = "light"): ChartPalette {
  return CHART_PALETTES[scheme];
}

/**
 * A plate of the plot's background under a line's label, so that the series it crosses does not strike
 * it through; opaque even on a faded line (a label takes its line's opacity unless it has its own).
 */
export function labelPlate(p: ChartPalette) {
  return { backgroundColor: p.background, padding: [1, 4] as [number, number], borderRadius: 3, opacity: 1 };
}

/** The ECharts theme of a scheme: text, axes, tooltip and zoom slider in the palette's colours. */
export function echartsTheme(scheme: ColorScheme): Record<string, unknown> {
  const p = CHART_PALETTES[scheme];
  const axis = {
    axisLine: { lineStyle: { color: p.axisLine } },
    axisTick: { lineStyle: { color: p.axisLine } },
    axisLabel: { color: p.muted },
    splitLine: { lineStyle: { color: [p.splitLine] } },
    nameTextStyle: { color: p.text },
  };
  return {
    backgroundColor: "transparent",
    color: [...p.channels],
    textStyle: { color: p.text },
    title: { textStyle: { color: p.text } },
    legend: { textStyle: { color: p.text } },
    valueAxis: axis,
    categoryAxis: axis,
    logAxis: axis,
    timeAxis: axis,
    tooltip: {
      backgroundColor: p.background,
      borderColor: p.axisLine,
      textStyle: { color: p.text },
      axisPointer: { lineStyle: { color: p.muted }, crossStyle: { color: p.muted } },
    },
    dataZoom: {
      textStyle: { color: p.muted },
      borderColor: p.axisLine,
      fillerColor: p.selection,
      handleStyle: { color: p.background, borderColor: p.muted },
      moveHandleStyle: { color: p.axisLine },
      dataBackground: { lineStyle: { color: p.overviewLine }, areaStyle: { color: p.overviewArea } },
      selectedDataBackground: { lineStyle: { color: p.channels[0] }, areaStyle: { color: p.overviewArea } },
    },
  };
}
