import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvField, csvLine, float32Number, formatFloat32 } from "./csv";

describe("csvField", () => {
  it("leaves plain text, numbers and booleans as they are and writes null as empty", () => {
    expect(csvField("drive 12")).toBe("drive 12");
    expect(csvField(3.5)).toBe("3.5");
    expect(csvField(-2)).toBe("-2");
    expect(csvField(true)).toBe("true");
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
  });

  it("quotes commas, quotes, line breaks and outer white space, doubling inner quotes", () => {
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\rlf")).toBe('"cr\rlf"');
    expect(csvField(" padded")).toBe('" padded"');
    expect(csvField("padded ")).toBe('"padded "');
  });

  it("guards text a spreadsheet would run as a formula, but not numbers", () => {
    expect(csvField("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("-x")).toBe("'-x");
    expect(csvField("@cmd")).toBe("'@cmd");
    expect(csvField("\tx")).toBe("'\tx");
    expect(csvField('=HYPERLINK("a,b")')).toBe(`"'=HYPERLINK(""a,b"")"`);
    expect(csvField(-1.5)).toBe("-1.5");
  });
});

describe("csvLine", () => {
  it("joins fields with commas and ends with CRLF", () => {
    expect(csvLine(["a", 1, null, false])).toBe("a,1,,false\r\n");
  });

  it("reads back through a CSV parser as the fields it was given", () => {
    const rows = [
      ["note", "n"],
      ['he said "no", twice\nthen left', 1],
      ["", 2],
      ["tab\tinside", 3],
    ];
    const text = rows.map(csvLine).join("");
    expect(parse(text, { relax_column_count: false })).toEqual(rows.map((r) => r.map(String)));
  });
});

describe("formatFloat32", () => {
  it("prints the shortest decimal that reads back as the same float32", () => {
    expect(formatFloat32(Math.fround(0.1))).toBe("0.1");
    expect(formatFloat32(Math.fround(1 / 3))).toBe("0.33333334");
    expect(formatFloat32(0)).toBe("0");
    expect(formatFloat32(-2.5)).toBe("-2.5");
    expect(formatFloat32(Math.fround(123456.789))).toBe("123456.79");
    expect(formatFloat32(Math.fround(1e-7))).toBe("1e-7");
  });

  it("round-trips every value of a random float32 array", () => {
    const values = new Float32Array(2000);
    let x = 12345;
    for (let i = 0; i < values.length; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      values[i] = ((x / 2 ** 31) * 2 - 1) * 10 ** ((i % 13) - 6);
    }
    for (const v of values) expect(Math.fround(Number(formatFloat32(v)))).toBe(v);
  });

  it("gives what trying every precision from one digit up gives", () => {
    const shortest = (v: number) => {
      for (let digits = 1; digits <= 9; digits++) {
        const text = Math.fround(v).toPrecision(digits);
        if (Math.fround(Number(text)) === Math.fround(v)) return String(Number(text));
      }
      return "";
    };
    const values = [0.5, 1.25, 3, 100, 2.75, 1e-7, 123456.79, 9.999999, 99999.99, 1e30, -0.001];
    for (let i = 0; i < 20_000; i++) values.push(Math.fround(Math.sin(i) * 10 ** ((i % 17) - 8)), Math.round(Math.sin(i) * 1000) / 100);
    for (const v of values) expect(formatFloat32(v), String(v)).toBe(shortest(v));
  });

  it("leaves non-finite values as JavaScript prints them", () => {
    expect(formatFloat32(Number.NaN)).toBe("NaN");
    expect(formatFloat32(Infinity)).toBe("Infinity");
  });

  it("float32Number gives the same value as a number for JSON", () => {
    expect(JSON.stringify(float32Number(Math.fround(0.1)))).toBe("0.1");
  });
});
