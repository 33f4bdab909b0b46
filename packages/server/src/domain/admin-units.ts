import { readDataJson } from './data.js';

export interface Commune {
  /** 5-digit GSO code. */
  code: string;
  name: string;
  /** Xã, Phường or Đặc khu. */
  type: string;
}

export interface Province {
  /** 2-digit GSO code. */
  provinceCode: string;
  provinceName: string;
  provinceType: string;
  communes: Commune[];
}

let cached: Province[] | undefined;

/** The 34 provinces and 3,321 communes after the 1 July 2025 reorganisation (data/SOURCES.md). */
export function loadProvinces(): Province[] {
  cached ??= readDataJson<Province[]>('admin-units-2025.json');
  return cached;
}

export function findProvince(code: string): Province | undefined {
  return loadProvinces().find((p) => p.provinceCode === code);
}

export function findCommune(code: string): (Commune & { province: Province }) | undefined {
  for (const province of loadProvinces()) {
    const commune = province.communes.find((c) => c.code === code);
    if (commune) return { ...commune, province };
  }
  return undefined;
}
