/** Route schemas shared by the open-data pages and downloads. */
export const htmlPage = (tags: string[], summary: string, query: Record<string, object> = {}) => ({
  tags,
  summary,
  produces: ['text/html'],
  querystring: { type: 'object', additionalProperties: true, properties: { lang: { type: 'string', enum: ['en', 'zh-Hant', 'zh-Hans'] }, ...query } },
  response: { 200: { type: 'string' }, 400: { type: 'string' }, 404: { type: 'string' } },
});

export const problem = { type: 'object', required: ['error', 'message'], properties: { error: { type: 'string' }, message: { type: 'string' } } };
