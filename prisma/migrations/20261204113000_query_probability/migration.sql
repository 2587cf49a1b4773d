-- AlterTable
ALTER TABLE "Query" ADD COLUMN "probability" REAL;

-- The strategy once named "diverse" is k-means++ over score features: "score-kmeans".
UPDATE "QueryBatch" SET "strategy" = 'score-kmeans' WHERE "strategy" = 'diverse';
