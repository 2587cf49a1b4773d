-- AlterTable
ALTER TABLE "DetectorRun" ADD COLUMN     "parentRunId" TEXT;
