/**
 * One call at a time on a detector: a second one while it trains or scores is refused with `busy`
 * (the weights would change under it), and any call after dispose with `disposed`.
 */
import { DetectorError } from "./errors";

export class ExclusiveUse {
  private state: "idle" | "busy" | "disposed" = "idle";

  /** Throws unless idle. */
  assertUsable(): void {
    if (this.state === "disposed") throw new DetectorError("disposed", "The detector has been disposed");
    if (this.state === "busy") throw new DetectorError("busy", "The detector is already training or scoring");
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    this.assertUsable();
    this.state = "busy";
    try {
      return await work();
    } finally {
      if (this.state === "busy") this.state = "idle";
    }
  }

  /** Marks the detector disposed; false when it already was (nothing left to release). */
  dispose(): boolean {
    if (this.state === "disposed") return false;
    this.state = "disposed";
    return true;
  }
}
