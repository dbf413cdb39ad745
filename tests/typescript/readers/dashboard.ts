// The capacity dashboard's view of the Store's feedback events, as its team wrote it. The
// dashboard validates every event against a JSON Schema that gen-readers.mjs derives from this
// interface: the declared one tolerates fields the interface does not list, the closed one
// (ts-json-schema-generator's default) refuses them.

/** Backpressure severity, as the dashboard colours it. */
export type Level = "ok" | "soft" | "hard";

/** One feedback event on the dashboard's queue. */
export interface FeedbackEvent {
  coordinator_id: string;
  queue_size: number;
  capacity: number;
  level: Level;
  /** Unix epoch seconds. */
  ts: number;
  source?: string;
  /** Shown as it comes; the dashboard knows no list of reasons. */
  reason?: string | null;
}
