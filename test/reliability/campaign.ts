/** What each reliability test tried and what it lost, printed so a run reads as a report. */
export function report(title: string, tried: string[], lost: string): void {
  const lines = [`\n=== ${title}`, ...tried.map((t) => `  tried: ${t}`), `  lost: ${lost}`];
  console.log(lines.join('\n'));
}
