-- AlterTable
ALTER TABLE "Score" ADD COLUMN     "counterfactuals" JSONB;
