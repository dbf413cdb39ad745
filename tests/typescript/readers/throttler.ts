// The throttler's view of the Store's feedback events, as its team wrote it: it switches on the
// reason, so `reason` is the union of the codes it handles. It validates every event against
// the JSON Schema that gen-readers.mjs derives from this interface.

/** The reasons the throttler acts on. */
export type Reason = "high_watermark" | "queue_recovered";

/** Backpressure severity. */
export type Level = "ok" | "soft" | "hard";

/** One feedback event as the throttler reads it. */
export interface FeedbackEvent {
  coordinator_id: string;
  queue_size: number;
  capacity: number;
  level: Level;
  ts: number;
  source?: string;
  reason?: Reason | null;
}
