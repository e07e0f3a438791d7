import { describe, expect, it } from "vitest";
import { parseBoundary } from "~/lib/geojson";

const ring = [
  [120.13, 32.54],
  [120.15, 32.54],
  [120.15, 32.55],
  [120.13, 32.54],
];

describe("parseBoundary", () => {
  it("accepts a Polygon, a MultiPolygon, and either inside a Feature or a one-feature collection", () => {
    expect(parseBoundary(JSON.stringify({ type: "Polygon", coordinates: [ring] }))).toEqual({
      ok: true,
      value: { type: "Polygon", coordinates: [ring] },
    });
    expect(parseBoundary(JSON.stringify({ type: "MultiPolygon", coordinates: [[ring], [ring]] })).ok).toBe(true);
    const feature = {
      type: "Feature",
      properties: { name: "井亭村" },
      geometry: { type: "Polygon", coordinates: [ring] },
    };
    expect(parseBoundary(JSON.stringify(feature))).toEqual({
      ok: true,
      value: { type: "Polygon", coordinates: [ring] },
    });
    expect(parseBoundary(JSON.stringify({ type: "FeatureCollection", features: [feature] })).ok).toBe(true);
  });

  it.each([
    ["not JSON", "{ nope", "error.boundary.json"],
    ["a point", JSON.stringify({ type: "Point", coordinates: [120.1, 32.5] }), "error.boundary.type"],
    ["an empty ring", JSON.stringify({ type: "Polygon", coordinates: [[]] }), "error.boundary.rings"],
    [
      "an open ring",
      JSON.stringify({ type: "Polygon", coordinates: [ring.slice(0, 3).concat([[120.14, 32.56]])] }),
      "error.boundary.rings",
    ],
    [
      "latitude and longitude swapped",
      JSON.stringify({ type: "Polygon", coordinates: [ring.map(([x, y]) => [y, x])] }),
      "error.boundary.rings",
    ],
    ["two features", JSON.stringify({ type: "FeatureCollection", features: [{}, {}] }), "error.boundary.oneFeature"],
  ])("refuses %s", (_, text, error) => {
    expect(parseBoundary(text)).toEqual({ ok: false, error });
  });

  it("refuses JSON of the wrong shape with a message, never a crash", () => {
    for (const text of ["null", "1", "[]", '"x"', '{"features":[null]}', '{"type":"FeatureCollection","features":[null]}',
      '{"type":"FeatureCollection","features":[{"geometry":null}]}', '{"type":"Feature","geometry":7}']) {
      const result = parseBoundary(text);
      expect(result.ok, text).toBe(false);
      if (!result.ok) expect(result.error, text).toMatch(/^error\.boundary\./);
    }
  });
});
