/** The app's ECharts, with its parts registered in one place (lib/charts/echarts-setup.ts). */
export { echarts } from "@/lib/charts/echarts-setup";
export type { EChartsCoreOption, EChartsType } from "echarts/core";
