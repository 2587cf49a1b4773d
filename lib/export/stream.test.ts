import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvText, jsonText, textStream } from "./stream";

async function collect(chunks: AsyncGenerator<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const c of chunks) out.push(c);
  return out;
}

async function* slowly<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) {
    await Promise.resolve();
    yield item;
  }
}

describe("csvText", () => {
  it("writes the header, then one line per row", async () => {
    const text = (await collect(csvText(["a", "b"], [{ a: 1, b: "x,y" }], (r) => [r.a, r.b]))).join("");
    expect(text).toBe('a,b\r\n1,"x,y"\r\n');
  });

  it("writes only the header without rows", async () => {
    expect((await collect(csvText(["a"], [], () => []))).join("")).toBe("a\r\n");
  });

  it("sends many rows in batches that join up to every row", async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ step: i, score: i / 7 }));
    const chunks = await collect(csvText(["step", "score"], slowly(rows), (r) => [r.step, r.score]));
    expect(chunks.length).toBeGreaterThan(2);
    const parsed = parse(chunks.join(""), { columns: true }) as { step: string; score: string }[];
    expect(parsed).toHaveLength(rows.length);
    expect(Number(parsed[12345]?.score)).toBe(12345 / 7);
  });
});

describe("jsonText", () => {
  it("parses as the head with the rows under the key", async () => {
    const text = (await collect(jsonText({ run: { id: "r1" }, what: "labels" }, "rows", slowly([{ a: 1 }, { a: 2 }])))).join("");
    expect(JSON.parse(text)).toEqual({ run: { id: "r1" }, what: "labels", rows: [{ a: 1 }, { a: 2 }] });
  });

  it("handles an empty head and no rows", async () => {
    expect(JSON.parse((await collect(jsonText({}, "rows", []))).join(""))).toEqual({ rows: [] });
  });

  it("batches many rows and still parses", async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => ({ i }));
    const chunks = await collect(jsonText({ n: 1 }, "rows", rows));
    expect(chunks.length).toBeGreaterThan(2);
    expect((JSON.parse(chunks.join("")) as { rows: unknown[] }).rows).toHaveLength(30_000);
  });
});

describe("textStream", () => {
  it("encodes the chunks as UTF-8", async () => {
    const text = await new Response(textStream(csvText(["name"], [{ n: "Zoë" }], (r) => [r.n]))).text();
    expect(text).toBe("name\r\nZoë\r\n");
  });

  it("stops the generator when the reader cancels", async () => {
    let finished = false;
    async function* endless(): AsyncGenerator<string> {
      try {
        for (;;) yield "x".repeat(1000);
      } finally {
        finished = true;
      }
    }
    const reader = textStream(endless()).getReader();
    await reader.read();
    await reader.cancel();
    expect(finished).toBe(true);
  });
});
