// The samples shipped with the site (public/samples/index.json).
export interface Sample {
  file: string;
  title: string;
  description: string;
}

function isSample(v: unknown): v is Sample {
  const s = v as Sample;
  return typeof v === "object" && v !== null && typeof s.file === "string" && typeof s.title === "string" && typeof s.description === "string";
}

export function sampleUrl(file: string): string {
  return `${import.meta.env.BASE_URL}samples/${file}`;
}

export async function loadSamples(): Promise<Sample[]> {
  const response = await fetch(sampleUrl("index.json"));
  if (!response.ok) return [];
  const data: unknown = await response.json();
  return Array.isArray(data) ? data.filter(isSample) : [];
}
