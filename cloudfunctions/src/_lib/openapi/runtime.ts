import { wx } from '../cloud'

/**
 * What the openapi ports need from the environment: which adapter to use, and the parts of
 * `cloud.openapi` they call, typed once (wx-server-sdk types `openapi` as `Record<string, any>`).
 */

/** True inside the local cloud's instances (the emulator sets `UNIONHUB_LOCAL_CLOUD=1`). */
export function isLocalCloud(): boolean {
  return process.env.UNIONHUB_LOCAL_CLOUD === '1'
}

/** Which mini program build messages and codes point at; `formal` unless configured. */
export type MiniProgramState = 'formal' | 'trial' | 'developer'

export function miniProgramState(): MiniProgramState {
  const state = process.env.UNIONHUB_MINIPROGRAM_STATE
  return state === 'trial' || state === 'developer' ? state : 'formal'
}

export interface MsgSecCheckDetail {
  strategy?: string
  errcode?: number
  suggest?: string
  label?: number
  keyword?: string
  prob?: number
}

export interface MsgSecCheckReply {
  errCode?: number
  errMsg?: string
  result?: { suggest?: string; label?: number }
  detail?: MsgSecCheckDetail[]
}

export interface OpenApi {
  security: {
    msgSecCheck(request: { openid: string; scene: number; version: 2; content: string }): Promise<MsgSecCheckReply>
  }
  subscribeMessage: {
    send(request: {
      touser: string
      templateId: string
      page: string
      data: Record<string, { value: string }>
      miniprogramState: MiniProgramState
      lang: 'zh_CN'
    }): Promise<{ errCode?: number; errMsg?: string }>
  }
  wxacode: {
    getUnlimited(request: {
      scene: string
      page: string
      checkPath: boolean
      envVersion: 'release' | 'trial' | 'develop'
      width: number
    }): Promise<{ buffer: Buffer; contentType?: string; errCode?: number; errMsg?: string }>
  }
}

export function cloudOpenApi(): OpenApi {
  return wx().openapi as unknown as OpenApi
}

/**
 * The openapi calls the local cloud answers itself, on the endpoint the SDK is pointed at
 * (`TCB_CONTEXT_CNFG`); only inside the local cloud, whose instances run a Node with `fetch`.
 */
export function localCloudOpenApi(): Pick<OpenApi, 'wxacode'> {
  return {
    wxacode: {
      async getUnlimited(request) {
        const endpoint = (JSON.parse(process.env.TCB_CONTEXT_CNFG ?? '{}') as { URL?: string }).URL
        if (!endpoint) throw new Error('local cloud: TCB_CONTEXT_CNFG names no endpoint')
        const response = await fetch(endpoint, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ action: 'openapi.wxacode.getUnlimited', ...request }),
        })
        const reply = (await response.json()) as { data?: { buffer: string; contentType: string }; code?: string; message?: string }
        if (!reply.data) return { buffer: Buffer.alloc(0), errCode: -1, errMsg: `${reply.code ?? response.status} ${reply.message ?? ''}` }
        return { buffer: Buffer.from(reply.data.buffer, 'base64'), contentType: reply.data.contentType, errCode: 0 }
      },
    },
  }
}
