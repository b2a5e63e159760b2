// A partner's whole journey through the TypeScript client generated from the served OpenAPI description
// (openapi-typescript types, openapi-fetch calls): no casts, no hand-written JSON for the API.
//
// Environment: LAYERS_API (the service, or a validating proxy in front of it), LAYERS_KEY (a partner API key),
// LAYERS_RETURN_URL (an allowed return URL), LAYERS_HANDLE (the sandbox user to consent as).
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import createClient from "openapi-fetch";
import type { components, paths } from "./schema.js";

type Event = components["schemas"]["EventResponse"];

const api = required("LAYERS_API");
const client = createClient<paths>({ baseUrl: api, headers: { Authorization: `Bearer ${required("LAYERS_KEY")}` } });

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/** The body of a successful answer; anything else ends the journey with what the service said. */
function ok<T>(result: { data?: T; error?: unknown; response: Response }, what: string): T {
  if (result.data === undefined) {
    throw new Error(`${what}: ${result.response.status} ${JSON.stringify(result.error)}`);
  }
  return result.data;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, seconds = 60): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A webhook receiver on loopback that keeps every delivery whose signature checks out. */
async function receiver(): Promise<{ url: string; trust(secret: string): void; events: Event[]; close(): void }> {
  const secrets: string[] = [];
  const events: Event[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const header = String(request.headers["x-layers-signature"] ?? "");
      const timestamp = /t=(\d+)/.exec(header)?.[1] ?? "";
      const signatures = [...header.matchAll(/v1=([0-9a-f]+)/g)].map((m) => m[1]);
      const valid = secrets.some((secret) =>
        signatures.includes(createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")));
      if (valid) {
        const event: Event = JSON.parse(body);
        events.push(event);
      }
      response.writeHead(valid ? 200 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the receiver has no port");
  return { url: `http://127.0.0.1:${address.port}/hooks`, trust: (secret) => secrets.push(secret), events, close: () => server.close() };
}

async function main(): Promise<void> {
  const hooks = await receiver();
  try {
    const project = ok(await client.POST("/v1/projects", { body: { name: "Generated client", timezone: "Europe/Paris" } }), "create project");

    const endpoint = ok(await client.POST("/v1/webhook-endpoints", {
      body: { url: hooks.url, events: ["post.published", "post.canceled", "social_account.connected"], projectId: project.id },
    }), "create webhook endpoint");
    hooks.trust(endpoint.signingSecret);

    // Connect a TikTok account: the customer's browser goes through the sandbox consent and back.
    const started = ok(await client.POST("/v1/projects/{projectId}/social/oauth-url", {
      params: { path: { projectId: project.id } },
      body: { platform: "tiktok", returnUrl: required("LAYERS_RETURN_URL") },
    }), "oauth url");
    const consent = new URL(started.authorizeUrl);
    consent.searchParams.set("sandbox_user", required("LAYERS_HANDLE"));
    consent.searchParams.set("sandbox_decision", "approve");
    const callback = (await fetch(consent, { redirect: "manual" })).headers.get("location");
    if (!callback) throw new Error("the sandbox did not send the browser back");
    const back = (await fetch(callback, { redirect: "manual" })).headers.get("location") ?? "";
    if (!back.includes("status=success")) throw new Error(`the connect ended at ${back}`);

    const status = ok(await client.GET("/v1/social/oauth-status/{state}", { params: { path: { state: started.state } } }), "oauth status");
    const accountId = status.socialAccountId;
    if (status.status !== "completed" || accountId === null) throw new Error(`oauth status ${status.status}`);

    const listed = ok(await client.GET("/v1/projects/{projectId}/social-accounts", { params: { path: { projectId: project.id } } }), "list accounts");
    if (!listed.items.some((a) => a.socialAccountId === accountId && a.status === "connected")) throw new Error("account not listed");

    const creator = ok(await client.GET("/v1/social-accounts/{socialAccountId}/creator-info", {
      params: { path: { socialAccountId: accountId } },
    }), "creator info");
    const privacy = creator.privacyLevelOptions?.includes("PUBLIC_TO_EVERYONE") ? "PUBLIC_TO_EVERYONE" : creator.privacyLevelOptions?.[0];

    const content = ok(await client.POST("/v1/projects/{projectId}/content", {
      params: { path: { projectId: project.id } },
      body: { caption: "Launch day #coffee", assets: [{ kind: "video", url: "https://cdn.example.com/clip.mp4", mimeType: "video/mp4", durationMs: 15000 }] },
    }), "create content");

    const now = ok(await client.POST("/v1/content/{containerId}/publish", {
      params: { path: { containerId: content.id } },
      body: { targets: [{ socialAccountId: accountId, mode: "direct_publish", options: { privacyLevel: privacy, disableDuet: true } }] },
    }), "publish now");
    const postId = now.scheduledPosts[0]?.id;
    if (!postId) throw new Error("no post made");

    const published = await until("the post to be published", async () => {
      const post = ok(await client.GET("/v1/scheduled-posts/{id}", { params: { path: { id: postId } } }), "get post");
      if (post.status === "failed") throw new Error(`post failed: ${post.lastError?.code}`);
      return post.status === "published" && post.externalId !== null ? post : undefined;
    });

    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
    const later = ok(await client.POST("/v1/content/{containerId}/schedule", {
      params: { path: { containerId: content.id } },
      body: { scheduledFor: tomorrow, targets: [{ socialAccountId: accountId }] },
    }), "schedule");
    const laterId = later.scheduledPosts[0]?.id;
    if (!laterId) throw new Error("no post scheduled");

    const page = ok(await client.GET("/v1/projects/{projectId}/scheduled-posts", {
      params: { path: { projectId: project.id }, query: { status: ["queued"] } },
    }), "list posts");
    if (!page.items.some((p) => p.id === laterId)) throw new Error("scheduled post not listed");

    const revoked = ok(await client.DELETE("/v1/social-accounts/{socialAccountId}", { params: { path: { socialAccountId: accountId } } }), "revoke");
    if (revoked.canceledScheduledPosts !== 1) throw new Error(`revoke canceled ${revoked.canceledScheduledPosts}`);

    // The events, told apart by type: each one's data has its own type.
    const events = ok(await client.GET("/v1/events", { params: { query: { projectId: project.id } } }), "list events");
    const publishedEvent = events.items.find((e) => e.type === "post.published" && e.data.id === postId);
    if (!publishedEvent || publishedEvent.type !== "post.published" || publishedEvent.data.status !== "published") {
      throw new Error("no post.published event for the post");
    }
    const connected = events.items.find((e) => e.type === "social_account.connected");
    if (!connected || connected.type !== "social_account.connected" || connected.data.reconnected) throw new Error("no connect event");

    // The same events arrive signed at the webhook endpoint.
    await until("the webhooks", async () => {
      const types = hooks.events.map((e) => e.type);
      return types.includes("post.published") && types.includes("post.canceled") ? true : undefined;
    });

    console.log(`journey ok: account ${accountId}, post ${postId} at ${published.externalUrl}, ${hooks.events.length} webhooks`);
  } finally {
    hooks.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
