import type { Enterprise, Team, Zone } from '../../../functions/core/org/org';
import { defaultSettings } from '../../../functions/core/settings';

/** 长春新区's four development zones. */
export const demoZones: Zone[] = [
  { id: 'gaoxin', name: '高新技术产业开发区' },
  { id: 'beihu', name: '北湖科技开发区' },
  { id: 'changde', name: '长德经济开发区' },
  { id: 'konggang', name: '空港经济开发区' },
];

const shortZone: Record<string, string> = { gaoxin: '高新', beihu: '北湖', changde: '长德', konggang: '空港' };
const TEAMS_PER_ZONE = 4;
const ENTERPRISES = 200;

/** Four help-enterprise teams (助企队) per zone: `gaoxin-01` is 高新第1助企队. */
export const demoTeams: Team[] = demoZones.flatMap((z) =>
  Array.from({ length: TEAMS_PER_ZONE }, (_, i) => ({ id: `${z.id}-0${i + 1}`, zoneId: z.id, name: `${shortZone[z.id]}第${i + 1}助企队` })),
);

const brands = ['瑞丰', '华信', '金桥', '博远', '恒达', '长青', '宏图', '东盛', '新锐', '汇通', '海川', '天成', '嘉禾', '卓越', '启航', '润泽', '光华', '和泰', '众联', '鼎盛'];
const trades = ['科技', '生物医药', '汽车零部件', '光电', '食品', '新材料', '物流', '软件', '精密制造', '农业发展'];
const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];

/**
 * 200 enterprises, 50 per zone, each looked after by one team of its zone. Phone numbers are
 * demo numbers (138 0431 xxxx, 0431 being Changchun's area code) that the local outbox keeps.
 */
export const demoEnterprises: Enterprise[] = Array.from({ length: ENTERPRISES }, (_, i) => {
  const zone = demoZones[i % demoZones.length] as Zone;
  const teamsOfZone = demoTeams.filter((t) => t.zoneId === zone.id);
  const team = teamsOfZone[Math.floor(i / demoZones.length) % teamsOfZone.length] as Team;
  const n = i + 1;
  return {
    id: `ent-${String(n).padStart(3, '0')}`,
    zoneId: zone.id,
    teamId: team.id,
    name: `长春${brands[i % brands.length]}${trades[Math.floor(i / brands.length) % trades.length]}有限公司`,
    contactName: `${surnames[i % surnames.length]}经理`,
    contactPhone: `1380431${String(n).padStart(4, '0')}`,
  };
});

/** The ledger categories the demo records issues under: the office's defaults (core/settings.ts). */
export const demoCategories: string[] = defaultSettings.categories.map((c) => c.name);
