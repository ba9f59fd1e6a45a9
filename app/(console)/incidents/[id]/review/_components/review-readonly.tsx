import type { StoredReview } from "@/lib/reviews/get-incident-review";
import { FOLLOW_UP_STATE_LABEL, ROOT_CAUSE_LABEL } from "@/lib/reviews/review-content";

// A backtest link carries a long query; its host and path say where it goes (the URL is the link's target).
const shortLink = (link: string) => {
  const url = new URL(link);
  return `${url.host}${url.pathname}${url.search || url.hash ? "…" : ""}`;
};

/** The review as recorded, for readers who may not edit it (and for print). */
export function ReviewReadonly({ review, evidence }: { review: StoredReview; evidence: string[] }) {
  return (
    <div className="space-y-3 text-sm" data-testid="review-readonly">
      <p><span className="text-muted">Root cause: </span>{review.rootCause ? ROOT_CAUSE_LABEL[review.rootCause] : "not chosen yet"}</p>
      {review.summary ? <p className="whitespace-pre-wrap">{review.summary}</p> : <p className="text-muted">No summary written yet.</p>}
      {evidence.length > 0 && (
        <div>
          <h3 className="text-xs text-muted">Evidence from the data</h3>
          <ul className="list-disc pl-5">{evidence.map((e) => <li key={e}>{e}</li>)}</ul>
        </div>
      )}
      <div>
        <h3 className="text-xs text-muted">Follow-ups</h3>
        <ul className="space-y-1" data-testid="review-follow-ups">
          {review.followUps.map((f, i) => (
            <li key={i}>
              <span aria-hidden>{f.state === "done" ? "☑" : "☐"} </span>{f.item} <span className="text-muted">({FOLLOW_UP_STATE_LABEL[f.state]}{f.owner ? `, ${f.owner}` : ", no owner yet"})</span>{" "}
              {f.link && <a href={f.link} className="text-accent underline wrap-anywhere" rel="noreferrer">{shortLink(f.link)}</a>}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
