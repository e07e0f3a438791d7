import { describe, expect, it } from "vitest";
import { distanceMetres, gcj02ToWgs84, wgs84ToGcj02 } from "~/lib/gcj02";

// Published test points of the eviltransform project (wgsLat, wgsLng, gcjLat, gcjLng).
const POINTS: [string, number, number, number, number][] = [
  ["上海", 31.1774276, 121.5272106, 31.17530398364597, 121.531541859215],
  ["深圳", 22.543847, 113.912316, 22.540796131694766, 113.9171764808363],
  ["北京", 39.911954, 116.377817, 39.91334545536069, 116.38404722455657],
];

describe("WGS-84 ⇄ GCJ-02", () => {
  it.each(POINTS)("shifts %s to its published GCJ-02 point within a metre", (_, wLat, wLng, gLat, gLng) => {
    expect(distanceMetres(wgs84ToGcj02(wLat, wLng), [gLat, gLng])).toBeLessThan(1);
  });

  it.each(POINTS)("shifts %s back to WGS-84 within a metre", (_, wLat, wLng, gLat, gLng) => {
    expect(distanceMetres(gcj02ToWgs84(gLat, gLng), [wLat, wLng])).toBeLessThan(1);
  });

  it("moves a point in China by hundreds of metres, and one abroad not at all", () => {
    const shift = distanceMetres(wgs84ToGcj02(32.5412, 120.1384), [32.5412, 120.1384]);
    expect(shift).toBeGreaterThan(100);
    expect(shift).toBeLessThan(1000);
    expect(wgs84ToGcj02(48.8566, 2.3522)).toEqual([48.8566, 2.3522]);
  });
});
