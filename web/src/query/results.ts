// Shapes of /api/v1/query and /api/v1/query_range results.

export interface VectorSample {
  metric: Record<string, string>;
  value: [number, string];
}

export interface MatrixSeries {
  metric: Record<string, string>;
  values: [number, string][];
}

export type QueryResult =
  | { resultType: 'vector'; result: VectorSample[] }
  | { resultType: 'matrix'; result: MatrixSeries[] }
  | { resultType: 'scalar'; result: [number, string] }
  | { resultType: 'string'; result: [number, string] };
