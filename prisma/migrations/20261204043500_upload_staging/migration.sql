-- CreateTable
CREATE TABLE "Upload" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "meta" JSONB NOT NULL,
    "phase" TEXT,
    "done" REAL NOT NULL DEFAULT 0,
    "total" REAL NOT NULL DEFAULT 0,
    "progressAt" DATETIME,
    CONSTRAINT "Upload_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UploadFile" (
    "uploadId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "attemptId" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,

    PRIMARY KEY ("uploadId", "index"),
    CONSTRAINT "UploadFile_uploadId_fkey" FOREIGN KEY ("uploadId") REFERENCES "Upload" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UploadChunk" (
    "attemptId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "uploadId" TEXT NOT NULL,
    "data" BLOB NOT NULL,

    PRIMARY KEY ("attemptId", "seq"),
    CONSTRAINT "UploadChunk_uploadId_fkey" FOREIGN KEY ("uploadId") REFERENCES "Upload" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Upload_createdAt_idx" ON "Upload"("createdAt");

-- CreateIndex
CREATE INDEX "UploadChunk_uploadId_idx" ON "UploadChunk"("uploadId");

