/**
 * ECharts with only the parts the app draws (line charts on grids, heat maps with their visual map,
 * legend, zoom, tooltip, shaded areas and marked lines, canvas), registered here and nowhere else, so that the bundle stays small
 * and every chart finds what its options use: a component that is not registered is silently dropped
 * by ECharts (the run page's loss chart lost its legend that way). echarts-setup.test.ts checks every
 * option builder of the app against this list. Components import `echarts` from
 * components/charts/echarts-core, never from "echarts".
 */
import { HeatmapChart, LineChart } from "echarts/charts";
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

echarts.use([
  LineChart,
  HeatmapChart,
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

export { echarts };
