/** `npm run eval -- --help`. */
import { DETECTOR_KINDS, detectorSpec } from "../../lib/detectors/registry";
import { GENERATORS } from "../../lib/eval/generators";
import { EMBEDDING_STRATEGIES, STRATEGY_NAMES } from "../../lib/query/registry";

/** Words wrapped to lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(" ")) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** One entry per detector of the registry, the default (linear) first. */
const detectors = [...DETECTOR_KINDS]
  .sort((a, b) => Number(b === "linear") - Number(a === "linear"))
  .map((kind) =>
    wrap(`${kind}${kind === "linear" ? " (default)" : ""}: ${detectorSpec(kind).harness.help}`, 76)
      .map((line, i) => `${" ".repeat(i === 0 ? 22 : 24)}${line}`)
      .join("\n"),
  )
  .join("\n");

const hiddenDefaults = DETECTOR_KINDS.filter((k) => detectorSpec(k).training === "gradient")
  .map((k) => `${detectorSpec(k).harness.hiddenPerChannel}·channels (${k})`)
  .join(", ");

const generators = GENERATORS.map((g) =>
  wrap(g.description, 86)
    .map((line, i) => `  ${(i === 0 ? g.name : "").padEnd(12)}${line}`)
    .join("\n"),
).join("\n");

export const HELP = `npm run eval -- [flags]

Evaluates query strategies the way the app uses them: preprocess → train the detector → score →
query with a simulated expert (from ground truth, mislabelling with a given probability) → refined
threshold → online evaluation on the test split; over folds, seeds and growing-data stages. Prints
a table (mean ± std) and writes a JSON report.

What to run on
  --dataset GENERATOR|ID|NAME|FILE.csv
                                   a seeded generator (below; default demo), a database dataset (by id
                                   or name; needs ground truth), or a CSV with a label column
  --suite                          the same experiment on every generator in turn, one report each
                                   (id <id>-<generator>), then one summary line per dataset
  --sequences N                    demo: drives to generate (default 80)
  --anomaly-fraction F             demo: share of drives with a fault (default 0.25; the seeded app
                                   demo uses 0.15: more anomalous drives make the F1 figures less noisy)
  --demo-seed N                    the generator's seed, for any generator (default 1)
  --rate HZ                        CSV without a timestamp column: the sampling rate

Generators (lib/eval/generators; the others have fixed sizes, --quick does not shrink them)
${generators}

Experiment
  --strategies LIST   ${STRATEGY_NAMES.join(",")} (default: all but ALOE's
                      ${EMBEDDING_STRATEGIES.join(" and ")}, which embed every pool candidate with each
                      stage's model: slower)
  --refine aloe       after each stage's labels, also fine-tune the stage's model with ALOE's
                      objective (linear detector: refit without the anomalous steps) and α̂ from
                      the labels, rescore, refit the threshold: rows "<strategy> + ALOE
                      fine-tuning" beside the threshold-only ones. Slow: one fine-tuning per run
                      and stage, so keep folds, seeds, stages and mislabel rates few
  --refine-epochs N   fine-tuning epochs (default 3)
  --budgets LIST      labels bought per stage (default 1,5,10; --quick 5,10); rows show the cumulative count
  --mislabel LIST     probabilities the expert errs (default 0,0.1,0.2,0.3; --quick 0,0.2)
  --seeds N           strategy seeds and expert draws per fold (default 3)
  --folds N           stratified k-fold over sequences for the test split (default 3;
                      1 = one hold-out split of a third)
  --stages LIST       growing data: fractions of the training sequences seen, the detector retrained
                      at each (default 0.125,0.25,0.5,1; --stages 1 = plain setting)
  --seed N            seed of the folds and base of the run seeds (default 1)
  --segment auto|whole|N
                      query candidates (and test units): the run page's suggestion (default auto:
                      segments when sequences are few or long), whole sequences, or N steps
  --pool auto|validation|validation+train
                      the app's pool rule (default auto: validation, with train when a stage's
                      validation split holds fewer than 3 sequences), or validation only, or train too
  --placement margin|geometric|middle|reference|upper
                      where the refined threshold goes in its F1-optimal interval (default margin)
  --objective labels|pool|minority
                      what the refined threshold maximises: F1 on the labelled candidates
                      (labels); the expected F1 over the whole query pool, its unlabelled candidates
                      weighted by an isotonic fit of the labels on the scores, among thresholds that
                      alarm on at most half of the pool (pool, the default, as in the app); or F1 on
                      the labels among those thresholds (minority); run once with each to compare
  --protocol ours|reference
                      ours (default) or the DQS reference's evaluation (its placement, fallback,
                      frozen label scores, onset 0 for mislabels, delay metric)
  --quick             the smaller presets above (explicit flags still win): the same data and folds,
                      stages and seeds, fewer budgets and rates; under a minute with the linear detector

Detector (one model per fold and stage, shared by every strategy)
  --detector ${DETECTOR_KINDS.join("|")}
${detectors}
  --hidden N          default ${hiddenDefaults}
  --window N|acf      default 16; "acf" = the app's rule on each stage's training data (128 on the
                      demo, too slow on a 2-core CPU for the full run)
  --epochs N          at most (default 40; --quick 20), early stopping with --patience N
                      (default 8; --quick 5)
  --max-windows N     training (and validation) windows, sampled once (default 1024)
  --score-shift N|auto
                      steps between scored windows (default 1: every window, as the reference);
                      auto = ⌊window/8⌋, the run form's default (capped at the window)
  --batch-size N      default 32
  --learning-rate X   default 0.001
  --backend wasm|cpu|webgpu
                      TensorFlow.js backend (default wasm); webgpu needs --webgpu PATH, the index.js of
                      npm's \`webgpu\` package (Dawn's Node bindings; for a machine with a GPU, see
                      scripts/bench/gpu-node-bundle.sh)

Output
  --id ID             file stem [a-z0-9-] (default eval-YYYYMMDD-HHMMSS)
  --name TEXT         shown on the Experiments page
  --out DIR           default $DATA_DIR/experiments (DATA_DIR defaults to ./.data)
  --cache DIR         model cache: weights and scores per (dataset, detector options, fold, stage);
                      default $DATA_DIR/eval-cache
  --no-cache          neither read nor write the cache
  -h, --help          this text

Exit codes: 0 done, 1 failed while running (the JSON says why), 2 bad flags or dataset (nothing written).
Tiny run (seconds): --sequences 16 --folds 2 --seeds 1 --budgets 1,2 --mislabel 0 --stages 1 --epochs 1 --hidden 8
`;
