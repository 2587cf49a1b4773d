-- AlterTable
ALTER TABLE "DetectorRun" ADD COLUMN     "thresholdVersion" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Threshold" ADD COLUMN     "anomalousCount" INTEGER,
ADD COLUMN     "detail" JSONB,
ADD COLUMN     "lower" DOUBLE PRECISION,
ADD COLUMN     "normalAlarmShare" DOUBLE PRECISION,
ADD COLUMN     "placement" TEXT,
ADD COLUMN     "reason" TEXT,
ADD COLUMN     "upper" DOUBLE PRECISION,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "warning" TEXT;

-- CreateIndex
CREATE INDEX "Threshold_runId_kind_version_idx" ON "Threshold"("runId", "kind", "version");

