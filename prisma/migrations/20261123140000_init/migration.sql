-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Dataset" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "samplingRate" REAL NOT NULL,
    "channelNames" JSONB NOT NULL,
    "channelCount" INTEGER NOT NULL,
    "sequenceCount" INTEGER NOT NULL,
    "totalSteps" INTEGER NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "hasGroundTruth" BOOLEAN NOT NULL DEFAULT false,
    "trainStats" JSONB,
    "windowSize" INTEGER,
    "importConfig" JSONB,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Dataset_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DatasetAssignment" (
    "datasetId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("datasetId", "userId"),
    CONSTRAINT "DatasetAssignment_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DatasetAssignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Sequence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "datasetId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "split" TEXT NOT NULL,
    "length" INTEGER NOT NULL,
    "samplingRate" REAL NOT NULL,
    "channelNames" JSONB NOT NULL,
    "stats" JSONB NOT NULL,
    "maxAbsZ" REAL,
    "startTime" REAL,
    CONSTRAINT "Sequence_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SeriesChunk" (
    "sequenceId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "start" INTEGER NOT NULL,
    "length" INTEGER NOT NULL,
    "data" BLOB NOT NULL,

    PRIMARY KEY ("sequenceId", "index"),
    CONSTRAINT "SeriesChunk_sequenceId_fkey" FOREIGN KEY ("sequenceId") REFERENCES "Sequence" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GroundTruth" (
    "sequenceId" TEXT NOT NULL PRIMARY KEY,
    "labels" BLOB NOT NULL,
    "anomalous" BOOLEAN NOT NULL,
    "onset" INTEGER,
    "kind" TEXT,
    CONSTRAINT "GroundTruth_sequenceId_fkey" FOREIGN KEY ("sequenceId") REFERENCES "Sequence" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DetectorRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "datasetId" TEXT NOT NULL,
    "detector" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "backend" TEXT,
    "backendReason" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "metrics" JSONB,
    "weightsSpec" JSONB,
    "weights" BLOB,
    "threshold" REAL,
    "error" TEXT,
    "heartbeatAt" DATETIME,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DetectorRun_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "DetectorRun_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Score" (
    "runId" TEXT NOT NULL,
    "sequenceId" TEXT NOT NULL,
    "length" INTEGER NOT NULL,
    "data" BLOB NOT NULL,
    "channelData" BLOB,
    "max" REAL NOT NULL,

    PRIMARY KEY ("runId", "sequenceId"),
    CONSTRAINT "Score_runId_fkey" FOREIGN KEY ("runId") REFERENCES "DetectorRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Score_sequenceId_fkey" FOREIGN KEY ("sequenceId") REFERENCES "Sequence" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "QueryBatch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "strategy" TEXT NOT NULL,
    "budget" INTEGER NOT NULL,
    "seed" INTEGER NOT NULL,
    "params" JSONB NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "QueryBatch_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "QueryBatch_runId_fkey" FOREIGN KEY ("runId") REFERENCES "DetectorRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Query" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "batchId" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "sequenceId" TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "candidateKey" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "resolvedLabelId" TEXT,
    "resolvedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Query_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Query_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "QueryBatch" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Query_sequenceId_fkey" FOREIGN KEY ("sequenceId") REFERENCES "Sequence" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Query_resolvedLabelId_fkey" FOREIGN KEY ("resolvedLabelId") REFERENCES "Label" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Label" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "clientId" TEXT NOT NULL,
    "queryId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "anomalous" BOOLEAN NOT NULL,
    "onset" INTEGER,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Label_queryId_fkey" FOREIGN KEY ("queryId") REFERENCES "Query" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Label_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Threshold" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "value" REAL NOT NULL,
    "kind" TEXT NOT NULL,
    "f1" REAL,
    "precision" REAL,
    "recall" REAL,
    "labelCount" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Threshold_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Threshold_runId_fkey" FOREIGN KEY ("runId") REFERENCES "DetectorRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Dataset_name_key" ON "Dataset"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Sequence_datasetId_index_key" ON "Sequence"("datasetId", "index");

-- CreateIndex
CREATE UNIQUE INDEX "Sequence_datasetId_name_key" ON "Sequence"("datasetId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Query_resolvedLabelId_key" ON "Query"("resolvedLabelId");

-- CreateIndex
CREATE INDEX "Query_candidateKey_idx" ON "Query"("candidateKey");

-- CreateIndex
CREATE UNIQUE INDEX "Query_batchId_rank_key" ON "Query"("batchId", "rank");

-- CreateIndex
CREATE UNIQUE INDEX "Label_clientId_key" ON "Label"("clientId");

-- CreateIndex
CREATE INDEX "Label_queryId_createdAt_idx" ON "Label"("queryId", "createdAt");

-- CreateIndex
CREATE INDEX "Threshold_runId_createdAt_idx" ON "Threshold"("runId", "createdAt");

