/**
 * ECharts with only the parts the app draws (line charts on grids, zoom, tooltip, shaded areas,
 * canvas), so that the bundle stays small. Import `echarts` from here, never from "echarts".
 */
import { LineChart } from "echarts/charts";
import { DataZoomInsideComponent, DataZoomSliderComponent, GridComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([LineChart, GridComponent, TooltipComponent, DataZoomInsideComponent, DataZoomSliderComponent, MarkAreaComponent, MarkLineComponent, CanvasRenderer]);

export { echarts };
export type { EChartsCoreOption, EChartsType } from "echarts/core";
