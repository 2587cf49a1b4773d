/** What the run page's ALOE section shows (lib/server/refine.ts builds it; components/runs/refine-section.tsx draws it). */
import type { DetectorKind } from "../detectors/types";
import type { ZScoreParams } from "../preprocess";
import type { ContaminationEstimate } from "../query/contamination";
import type { Split } from "../series/types";
import type { ThresholdView } from "../threshold/view";
import type { RunConfig } from "../validations/run";

/** A labelled stretch as the refinement uses it: anomalous from `onset` on, or normal throughout. */
export type RefineSpan = { sequenceId: string; start: number; end: number; anomalous: boolean };

export type RunSide = {
  id: string;
  unsupervised: number | null;
  fromLabels: ThresholdView | null;
  inEffect: { kind: string; value: number | null };
  /** Mean over the labelled stretches of their peak score, per label. */
  anomalousPeak: number | null;
  normalPeak: number | null;
};

export type RefineView = {
  contamination: (ContaminationEstimate & { population: number | null }) | null;
  comparison: { parent: RunSide; child: RunSide; labels: number } | null;
  refine: {
    parentRunId: string;
    datasetId: string;
    detector: DetectorKind;
    config: RunConfig;
    sequences: { id: string; split: Split }[];
    trainStats: ZScoreParams;
    spans: RefineSpan[];
    suggestedAlpha: number;
  } | null;
};
