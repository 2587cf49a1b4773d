"use client";

import { useEffect, useRef, useState } from "react";
import { DRAG_MIN_PX } from "@/lib/charts/zoom";
import type { EChartsType } from "./echarts-core";

/** The band drawn while dragging, in pixels of the chart's box. */
export type DragBand = { left: number; width: number };

type ZrEvent = { offsetX: number; offsetY: number };

function gridAt(chart: EChartsType, x: number, y: number): number | null {
  const grids = (chart.getOption().grid as unknown[] | undefined)?.length ?? 1;
  for (let gridIndex = 0; gridIndex < grids; gridIndex++) if (chart.containPixel({ gridIndex }, [x, y])) return gridIndex;
  return null;
}

/**
 * Drag across a chart's plot to zoom (Grafana's way): a press inside a grid starts a band, the release
 * hands the two x values (in the axis's units) to `onSelect`; a press that moves less than
 * DRAG_MIN_PX is left to clicks. Returns the `onRendered` to give the chart (it binds once per chart
 * instance) and the band to draw while dragging.
 */
export function useDragZoom(onSelect: (x0: number, x1: number, chart: EChartsType) => void) {
  const select = useRef(onSelect);
  const bound = useRef(new WeakSet<EChartsType>());
  const [band, setBand] = useState<DragBand | null>(null);
  const stop = useRef<(() => void) | null>(null);

  useEffect(() => {
    select.current = onSelect;
  });
  useEffect(() => () => stop.current?.(), []);

  const onRendered = (chart: EChartsType) => {
    if (bound.current.has(chart)) return;
    bound.current.add(chart);
    const zr = chart.getZr();
    zr.on("mousedown", (event) => {
      const { offsetX: x0, offsetY: y0 } = event as unknown as ZrEvent;
      const gridIndex = gridAt(chart, x0, y0);
      if (gridIndex === null) return;
      const box = chart.getDom().getBoundingClientRect();
      let x1 = x0;
      const move = (e: PointerEvent) => {
        x1 = Math.max(0, Math.min(box.width, e.clientX - box.left));
        setBand(Math.abs(x1 - x0) >= DRAG_MIN_PX ? { left: Math.min(x0, x1), width: Math.abs(x1 - x0) } : null);
      };
      const up = () => {
        stop.current?.();
        if (Math.abs(x1 - x0) < DRAG_MIN_PX || chart.isDisposed()) return;
        const [a] = chart.convertFromPixel({ gridIndex }, [x0, y0]) as number[];
        const [b] = chart.convertFromPixel({ gridIndex }, [x1, y0]) as number[];
        if (a !== undefined && b !== undefined) select.current(a, b, chart);
      };
      const cancel = () => stop.current?.();
      // Pointer events, not mouse events: ECharts cancels the pointer's default on press, and the
      // browser then sends no mousemove/mouseup until the pointer is released.
      stop.current = () => {
        window.removeEventListener("pointermove", move);
        window.removeEventListener("pointerup", up);
        window.removeEventListener("pointercancel", cancel);
        stop.current = null;
        setBand(null);
      };
      window.addEventListener("pointermove", move);
      window.addEventListener("pointerup", up);
      window.addEventListener("pointercancel", cancel);
    });
  };

  return { onRendered, band };
}
