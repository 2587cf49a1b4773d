-- CreateTable
CREATE TABLE "ExperimentJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reportId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "slot" TEXT,
    "settings" JSONB NOT NULL,
    "startedBy" TEXT NOT NULL,
    "instance" TEXT NOT NULL,
    "pid" INTEGER,
    "heartbeatAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelRequestedAt" DATETIME,
    "cancelledBy" TEXT,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "ExperimentJob_reportId_key" ON "ExperimentJob"("reportId");

-- CreateIndex
CREATE UNIQUE INDEX "ExperimentJob_slot_key" ON "ExperimentJob"("slot");

-- CreateIndex
CREATE INDEX "ExperimentJob_createdAt_idx" ON "ExperimentJob"("createdAt");
