import { SECTOR_LABELS, UNION_KIND_LABELS } from '@shared/vocabulary'
import type { UnionNode } from '../../../../services/unions'

/** A union's settings as lines a person reads (组织架构's header). */
export function describeUnion(node: UnionNode): string[] {
  return [
    [UNION_KIND_LABELS[node.kind], node.sector ? `${SECTOR_LABELS[node.sector]}行业` : null, node.district].filter(Boolean).join(' · '),
    node.platforms.length > 0 ? `服务平台：${node.platforms.join('、')}` : null,
    node.status === 'retired' ? '已撤销：不再接收入会申请' : node.takesMembers ? '接收入会申请' : '不接收入会申请',
    node.contactPhone ? `联系电话：${node.contactPhone}` : null,
    node.address ? `办公地址：${node.address}` : null,
  ].filter((line): line is string => Boolean(line))
}
