/** Drafts the "where is my order?" reply that support agents edit and send. */
export async function draftSupportReply(orderSummary: string): Promise<string> {
  const res = await fetch('https://api.openai.com/v1/chat/completions', {
    method: 'POST',
    headers: {
      Authorization: 'Bearer {{secret:openai-api-key}}',
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You write short, friendly replies for an online shop. Never promise refunds.' },
        { role: 'user', content: orderSummary },
      ],
    }),
  });
  if (!res.ok) throw new Error(`support: HTTP ${res.status}`);
  const body = (await res.json()) as { choices: Array<{ message: { content: string } }> };
  return body.choices[0]?.message.content ?? '';
}
