-- AlterTable
ALTER TABLE "Dataset" ADD COLUMN     "channelUnits" JSONB;
