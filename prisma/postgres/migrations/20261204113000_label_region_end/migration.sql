-- AlterTable
ALTER TABLE "Label" ADD COLUMN     "regionEnd" INTEGER;
