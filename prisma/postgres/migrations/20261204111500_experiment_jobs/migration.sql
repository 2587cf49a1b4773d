-- CreateTable
CREATE TABLE "ExperimentJob" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "slot" TEXT,
    "settings" JSONB NOT NULL,
    "startedBy" TEXT NOT NULL,
    "instance" TEXT NOT NULL,
    "pid" INTEGER,
    "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelRequestedAt" TIMESTAMP(3),
    "cancelledBy" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ExperimentJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ExperimentJob_reportId_key" ON "ExperimentJob"("reportId");

-- CreateIndex
CREATE UNIQUE INDEX "ExperimentJob_slot_key" ON "ExperimentJob"("slot");

-- CreateIndex
CREATE INDEX "ExperimentJob_createdAt_idx" ON "ExperimentJob"("createdAt");
