// A TypeScript consumer of the published schemas. It is never run: the tests compile it with
// `tsc --noEmit` against types generated from the bundle (gen-types.mjs), so every line below is
// a claim about those types. Each `@ts-expect-error` must stay an error, or tsc fails.
import type { FeedbackEvent as CoreFeedbackEvent } from "./generated/core/feedback_event";
import type { HealthStatus } from "./generated/core/health_status";
import type { BackpressureLevel, FeedbackEvent } from "./generated/store/feedback_event";

/** Share of the queue in use; the schema guarantees capacity > 0 (not the type). */
export function utilization(event: FeedbackEvent): number {
  return event.queue_size / event.capacity;
}

// A Record over the level union needs exactly the three levels: a level added to or removed
// from the schema fails here.
const SEVERITY: Record<BackpressureLevel, number> = { ok: 0, soft: 1, hard: 2 };

export function describe(event: FeedbackEvent): string {
  const reason: string = event.reason ?? "no reason given";
  const percent = Math.round(utilization(event) * 100);
  return `${event.coordinator_id}: ${event.level} (severity ${SEVERITY[event.level]}) at ${percent}%: ${reason}`;
}

/** Parse wire JSON the way a consumer does after validating it (ajv) against store.FeedbackEvent. */
export function read(json: string): FeedbackEvent {
  return JSON.parse(json) as FeedbackEvent;
}

/** Every Store event is a Core event: the Store type is assignable to the Core type. */
export function asCore(event: FeedbackEvent): CoreFeedbackEvent {
  return event;
}

export function isDown(status: HealthStatus): boolean {
  return status.state === "unhealthy" || (status.components ?? []).some((c) => c.state === "unhealthy");
}

export const withReason: FeedbackEvent = {
  coordinator_id: "bars_coordinator_1",
  queue_size: 850,
  capacity: 1000,
  level: "soft",
  ts: 1700000000.5,
  reason: "high_watermark",
};

export const reasonNull: FeedbackEvent = { ...withReason, reason: null };

export const reasonAbsent: FeedbackEvent = {
  coordinator_id: "bars_coordinator_1",
  queue_size: 0,
  capacity: 1,
  level: "ok",
  source: "store",
  ts: 1700000000,
};

// @ts-expect-error ts is required
export const missingTs: FeedbackEvent = { coordinator_id: "c", queue_size: 1, capacity: 1, level: "ok" };

export const unknownLevel: FeedbackEvent = {
  ...reasonAbsent,
  // @ts-expect-error "critical" is not a BackpressureLevel
  level: "critical",
};

export const numericReason: FeedbackEvent = {
  ...reasonAbsent,
  // @ts-expect-error reason is a string or null
  reason: 5,
};

export const stringQueueSize: FeedbackEvent = {
  ...reasonAbsent,
  // @ts-expect-error queue_size is a number
  queue_size: "850",
};

export const summary: string = describe(read(JSON.stringify(withReason)));
