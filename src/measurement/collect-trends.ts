import type { SfmcClient } from '../client/index.ts';
import type { Project } from '../definitions/project.ts';
import { historyKeys, readEngagement, readHistory } from './read-history.ts';
import { funnelTrend, type SegmentTrend, segmentTrend, sizeFlag, type Trends } from './trends.ts';

/**
 * Trends for every segment with history, funnels from their stage segments, and size flags.
 * `funnels` gives each funnel's stages and the segment holding each stage (from the report's collect).
 * Undefined when the project does not measure.
 */
export async function collectTrends(
  project: Project,
  client: Pick<SfmcClient, 'rows'>,
  funnels: Array<{ name: string; stages: Array<{ name: string; segment?: string }> }> = [],
): Promise<Trends | undefined> {
  const keys = historyKeys(project);
  if (!keys) return undefined;
  const history = await readHistory(client, keys.history);
  const engagement = keys.engagement ? await readEngagement(client, keys.engagement) : new Map();
  const share = project.config.measurement?.flagShare ?? 0.5;
  const segments: SegmentTrend[] = [];
  for (const s of project.segments) {
    const h = history.get(s.name);
    if (!h?.length) continue;
    segments.push(segmentTrend(s.name, h, engagement.get(s.name) ?? []));
  }
  const bySegment = new Map(segments.map((t) => [t.segment, t]));
  return {
    segments,
    funnels: funnels.map((f) =>
      funnelTrend(f.name, f.stages, bySegment, project.config.measurement?.engagement?.windowDays ?? 30),
    ),
    flags: segments.map((t) => sizeFlag(t, share)).filter((f) => f !== undefined),
    flagShare: share,
  };
}
