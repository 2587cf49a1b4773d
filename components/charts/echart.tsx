"use client";

import { useEffect, useRef, type CSSProperties } from "react";
import { echarts, type EChartsCoreOption, type EChartsType } from "./echarts-core";
import { useColorScheme } from "./use-color-scheme";

export type EChartEvents = Record<string, (params: unknown, chart: EChartsType) => void>;

export type EChartProps = {
  option: EChartsCoreOption;
  /** When this changes, the next option replaces the chart's instead of merging into it. */
  resetKey?: string;
  onEvents?: EChartEvents;
  /** Called after an option has been set (the chart has drawn it). */
  onRendered?: (chart: EChartsType) => void;
  className?: string;
  style?: CSSProperties;
  testId?: string;
  data?: Record<`data-${string}`, string | number>;
};

/**
 * The one ECharts wrapper: creates the chart on mount in the theme of the system's colour scheme
 * ("dqs-light" or "dqs-dark", lib/charts/theme.ts; made anew when the setting changes), sets the
 * option when it changes (merging, unless `resetKey` changed), resizes with its container, and
 * disposes on unmount.
 */
export function EChart({ option, resetKey = "", onEvents, onRendered, className, style, testId, data }: EChartProps) {
  const scheme = useColorScheme();
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const lastReset = useRef<string | null>(null);
  const events = useRef<EChartEvents | undefined>(onEvents);
  const rendered = useRef(onRendered);

  useEffect(() => {
    events.current = onEvents;
    rendered.current = onRendered;
  });

  useEffect(() => {
    const el = element.current;
    if (!el) return;
    const instance = echarts.init(el, `dqs-${scheme}`, { renderer: "canvas" });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
      lastReset.current = null;
    };
  }, [scheme]);

  const eventNames = Object.keys(onEvents ?? {})
    .sort()
    .join(",");
  useEffect(() => {
    const instance = chart.current;
    if (!instance || !eventNames) return;
    const handlers = eventNames.split(",").map((name) => [name, (params: unknown) => events.current?.[name]?.(params, instance)] as const);
    handlers.forEach(([name, handle]) => instance.on(name, handle));
    return () => handlers.forEach(([name, handle]) => instance.off(name, handle));
  }, [eventNames, scheme]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    const notMerge = lastReset.current !== resetKey;
    lastReset.current = resetKey;
    instance.setOption(option, { notMerge, lazyUpdate: false });
    rendered.current?.(instance);
  }, [option, resetKey, scheme]);

  return <div ref={element} className={className} style={style} data-testid={testId} data-scheme={scheme} {...data} />;
}
