import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMUNE_CODE_RE, PROVINCE_CODE_RE } from '@dvc-widgets/contract';
import { findCommune, findProvince, loadProvinces } from '../../src/domain/index.js';

test('34 provinces and 3,321 communes after the 2025 reorganisation, codes unique and well formed', () => {
  const provinces = loadProvinces();
  assert.equal(provinces.length, 34);
  const communes = provinces.flatMap((p) => p.communes);
  assert.equal(communes.length, 3321);
  assert.equal(new Set(communes.map((c) => c.code)).size, 3321);
  for (const p of provinces) assert.match(p.provinceCode, PROVINCE_CODE_RE);
  for (const c of communes) assert.match(c.code, COMMUNE_CODE_RE);
});

test('lookups by GSO code', () => {
  assert.equal(findProvince('01')?.provinceName, 'Thành phố Hà Nội');
  assert.equal(findProvince('79')?.provinceName, 'Thành phố Hồ Chí Minh');
  assert.equal(findProvince('99'), undefined);
  const baDinh = findCommune('00004');
  assert.equal(baDinh?.name, 'Phường Ba Đình');
  assert.equal(baDinh?.province.provinceCode, '01');
  assert.equal(findCommune('00745')?.name, 'Xã Phố Bảng');
  assert.equal(findCommune('99999'), undefined);
});
