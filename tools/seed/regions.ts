/**
 * Demo regions of 达州市. The city and its 7 county-level divisions carry their official codes; the
 * townships and villages below them carry real place names where we know them but INVENTED codes,
 * and are marked `demo: true` — replace them with the official list through `admin.importRegions`.
 */
import type { RegionLevel } from '../../miniprogram/shared/region';

export interface RegionSeed {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  demo: boolean;
}

const CITY = { code: '511700000000', name: '达州市' };

const COUNTIES: Array<{ code: string; name: string; townships: Array<[string, string[]]> }> = [
  {
    code: '511702',
    name: '通川区',
    townships: [
      ['罗江镇', ['密林村', '红花村', '太平村']],
      ['北山镇', ['朝阳村', '龙滩村', '白鹤村']],
      ['蒲家镇', ['堰塘村', '长岭村', '青龙村']],
    ],
  },
  {
    code: '511703',
    name: '达川区',
    townships: [
      ['明月江街道', ['明月村', '江陵社区', '新桥村']],
      ['石桥镇', ['石桥村', '列宁村', '花红村']],
      ['亭子镇', ['亭子村', '金龙村', '双河村']],
    ],
  },
  {
    code: '511722',
    name: '宣汉县',
    townships: [
      ['南坝镇', ['南坝村', '红岩村', '龙泉村']],
      ['普光镇', ['普光村', '宏伟村', '进化村']],
      ['峰城镇', ['峰城村', '高峰村', '石马村']],
    ],
  },
  {
    code: '511723',
    name: '开江县',
    townships: [
      ['普安镇', ['普安村', '宝石村', '回龙村']],
      ['讲治镇', ['讲治村', '观音村', '甘棠村']],
      ['任市镇', ['任市村', '龙门村', '八庙村']],
    ],
  },
  {
    code: '511724',
    name: '大竹县',
    townships: [
      ['庙坝镇', ['庙坝村', '石桥村', '双拱村']],
      ['月华镇', ['月华村', '白塔村', '永胜村']],
      ['石河镇', ['石河村', '新生村', '大石村']],
    ],
  },
  {
    code: '511725',
    name: '渠县',
    townships: [
      ['三汇镇', ['三汇村', '汇北村', '汇南村']],
      ['土溪镇', ['土溪村', '城坝村', '汉碑村']],
      ['有庆镇', ['有庆村', '新桥村', '龙凤村']],
    ],
  },
  {
    code: '511781',
    name: '万源市',
    townships: [
      ['青花镇', ['青花村', '观音岩村', '红旗村']],
      ['旧院镇', ['旧院村', '黑宝山村', '青龙村']],
      ['白沙镇', ['白沙村', '天子村', '柏树村']],
    ],
  },
];

export function demoRegions(): RegionSeed[] {
  const rows: RegionSeed[] = [{ ...CITY, level: 'city', parentCode: null, demo: false }];
  for (const county of COUNTIES) {
    const countyCode = `${county.code}000000`;
    rows.push({ code: countyCode, name: county.name, level: 'county', parentCode: CITY.code, demo: false });
    county.townships.forEach(([townshipName, villages], t) => {
      const townshipCode = `${county.code}${String(t + 1).padStart(3, '0')}000`;
      rows.push({
        code: townshipCode,
        name: townshipName,
        level: 'township',
        parentCode: countyCode,
        demo: true,
      });
      villages.forEach((villageName, v) => {
        rows.push({
          code: `${townshipCode.slice(0, 9)}${String(v + 1).padStart(3, '0')}`,
          name: villageName,
          level: 'village',
          parentCode: townshipCode,
          demo: true,
        });
      });
    });
  }
  return rows;
}
