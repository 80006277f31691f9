import type { Enterprise, Team, Zone } from '../../../functions/core/org/org';
import { demoZones } from './demo-org';

/** How big the large data set is; the default is the district, tests take a slice of it. */
export interface LargeSeedSize {
  zones: number;
  teams: number;
  enterprises: number;
  /** Months of history, up to yesterday. */
  months: number;
  /** Issues an average enterprise raises in a year (closed, reopened, or still open). */
  issuesPerEnterprisePerYear: number;
}

/** 长春新区: 4 zones, 112 teams, 1,000 enterprises, a year of history. */
export const districtSize: LargeSeedSize = { zones: 4, teams: 112, enterprises: 1000, months: 12, issuesPerEnterprisePerYear: 3 };

/** Zones differ in size: 高新 is the largest, 空港 the smallest (their shares of teams and enterprises). */
const zoneShares: Record<string, number> = { gaoxin: 40, beihu: 30, changde: 24, konggang: 18 };
const shortZone: Record<string, string> = { gaoxin: '高新', beihu: '北湖', changde: '长德', konggang: '空港' };

const brands = ['瑞丰', '华信', '金桥', '博远', '恒达', '长青', '宏图', '东盛', '新锐', '汇通', '海川', '天成', '嘉禾', '卓越', '启航', '润泽', '光华', '和泰', '众联', '鼎盛', '吉瑞', '北辰', '一汽', '松原', '净月'];
const trades = ['科技', '生物医药', '汽车零部件', '光电', '食品', '新材料', '物流', '软件', '精密制造', '农业发展', '电子', '建材', '环保', '医疗器械', '文化传媒'];
const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '孙', '马'];

/** Splits `total` over `shares` in proportion, largest remainders first, every share at least one. */
function apportion(total: number, shares: number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const exact = shares.map((s) => (total * s) / sum);
  const counts = exact.map((x) => Math.max(1, Math.floor(x)));
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r);
  for (let k = 0; counts.reduce((a, b) => a + b, 0) < total; k++) counts[order[k % order.length]!.i]! += 1;
  return counts;
}

/**
 * The large org: the first `size.zones` of 长春新区's zones, teams and enterprises split over them
 * by zone size (gaoxin-01 is 高新第1助企队), each enterprise looked after by one team of its zone.
 */
export function largeOrg(size: Pick<LargeSeedSize, 'zones' | 'teams' | 'enterprises'>): { zones: Zone[]; teams: Team[]; enterprises: Enterprise[] } {
  const zones = demoZones.slice(0, size.zones);
  const shares = zones.map((z) => zoneShares[z.id] ?? 1);
  const teamsPerZone = apportion(size.teams, shares);
  const enterprisesPerZone = apportion(size.enterprises, shares);
  const teams: Team[] = zones.flatMap((z, zi) =>
    Array.from({ length: teamsPerZone[zi]! }, (_, i) => ({ id: `${z.id}-${String(i + 1).padStart(2, '0')}`, zoneId: z.id, name: `${shortZone[z.id]}第${i + 1}助企队` })),
  );
  let n = 0;
  const enterprises: Enterprise[] = zones.flatMap((z, zi) => {
    const ofZone = teams.filter((t) => t.zoneId === z.id);
    return Array.from({ length: enterprisesPerZone[zi]! }, (_, i) => {
      n++;
      const team = ofZone[i % ofZone.length]!;
      return {
        id: `ent-${String(n).padStart(4, '0')}`,
        zoneId: z.id,
        teamId: team.id,
        name: `长春${brands[n % brands.length]}${trades[Math.floor(n / brands.length) % trades.length]}有限公司`,
        contactName: `${surnames[n % surnames.length]}经理`,
        // Demo numbers (139 0431 xxxx, 0431 being Changchun's area code) that the local outbox keeps.
        contactPhone: `1390431${String(n).padStart(4, '0')}`,
      };
    });
  });
  return { zones, teams, enterprises };
}
