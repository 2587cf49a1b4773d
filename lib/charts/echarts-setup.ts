/**
 * ECharts with only the parts the app draws (line charts on grids, heat maps (a custom series) with their visual map,
 * legend, zoom, tooltip, shaded areas and marked lines, canvas), registered here and nowhere else, so that the bundle stays small
 * and every chart finds what its options use: a component that is not registered is silently dropped
 * by ECharts (the run page's loss chart lost its legend that way). echarts-setup.test.ts checks every
 * option builder of the app against this list. Components import `echarts` from
 * components/charts/echarts-core, never from "echarts".
 */
import { CustomChart, LineChart } from "echarts/charts";
import {
  DataZoomInsideComponent,
  DataZoomSliderComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
} from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { echartsTheme } from "./theme";

echarts.use([
  LineChart,
  CustomChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  DataZoomInsideComponent,
  DataZoomSliderComponent,
  MarkAreaComponent,
  MarkLineComponent,
  VisualMapContinuousComponent,
  CanvasRenderer,
]);

// The light and dark themes (lib/charts/theme.ts); the chart wrapper picks one by the system setting.
echarts.registerTheme("dqs-light", echartsTheme("light"));
echarts.registerTheme("dqs-dark", echartsTheme("dark"));

export { echarts };
