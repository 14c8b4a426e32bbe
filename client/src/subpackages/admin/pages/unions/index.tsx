import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { UNION_KIND_LABELS } from '@shared/vocabulary'
import { newRequestId, showError } from '../../../../services/cloud'
import { fetchUnionTree, retireUnion, updateUnion, type UnionNode, type UnionTree } from '../../../../services/unions'
import { a11y } from '../../../../components/a11y'
import { RemoteList } from '../../../../components/Remote'
import { usePagedList } from '../../../../hooks/usePagedList'
import { ConfirmBar } from '../../../../components/ConfirmBar'
import { pageUrl, queryValue, STAFF_PAGES } from '../../../../components/staff-routes'
import { describeUnion } from './describe'
import { withTextSize } from '../../../../components/TextSize'
import '../../../../components/admin.css'

/** The links every union an admin manages offers (the level shown, and each row's 管理). */
function unionLinks(node: UnionNode) {
  return [
    { key: 'edit', label: '编辑信息', url: pageUrl(STAFF_PAGES.unionEdit, { unionId: node.unionId }) },
    { key: 'invite', label: '邀请工作人员', url: pageUrl(STAFF_PAGES.invite, { unionId: node.unionId, unionName: node.name }) },
    { key: 'team', label: '工作人员', url: pageUrl(STAFF_PAGES.team, { unionId: node.unionId, unionName: node.name }) },
    { key: 'audit', label: '操作记录', url: pageUrl(STAFF_PAGES.audit, { unionId: node.unionId, unionName: node.name }) },
  ]
}

/**
 * 组织架构: the unions the staff member serves, one level at a time (a city's tree has thousands).
 * Admins create, edit, move and retire unions here, and reach each union's staff and records.
 */
function StaffUnionsPage() {
  const { params } = useRouter()
  const [parentId, setParentId] = useState<string | undefined>(queryValue(params, 'parentId'))
  const tree = usePagedList<UnionNode, UnionTree>((page) => fetchUnionTree(parentId, page), { key: parentId ?? '' })
  const [opened, setOpened] = useState<string | null>(null)
  const [retiring, setRetiring] = useState<string | null>(null)
  const [moving, setMoving] = useState<UnionNode | null>(null)
  const [busy, setBusy] = useState(false)
  const data = tree.state.status === 'ready' ? tree.state.data : null
  const parent = data?.parent ?? null

  // An admin of one union starts inside it, not at a list of one.
  const enteredOnce = useRef(false)
  useEffect(() => {
    if (enteredOnce.current || !data || data.parent || parentId) return
    enteredOnce.current = true
    if (data.total === 1 && data.items[0]) setParentId(data.items[0].unionId)
  }, [data, parentId])

  const go = (unionId: string | undefined) => {
    setOpened(null)
    setRetiring(null)
    setParentId(unionId)
  }

  async function retire(node: UnionNode) {
    setBusy(true)
    const result = await retireUnion(node.unionId, newRequestId())
    setBusy(false)
    setRetiring(null)
    if (!result.ok) return showError(result.error)
    void Taro.showToast({ title: '已撤销', icon: 'success' })
    await tree.refresh()
  }

  async function moveHere(target: UnionNode) {
    if (!moving) return
    setBusy(true)
    const result = await updateUnion({ unionId: moving.unionId, parentId: target.unionId }, newRequestId())
    setBusy(false)
    if (!result.ok) return showError(result.error)
    setMoving(null)
    void Taro.showToast({ title: '已移动', icon: 'success' })
    await tree.refresh()
  }

  // Where the union being moved can go from here: the union shown, when the admin manages it.
  const moveTarget =
    moving && parent && parent.canManage && parent.status === 'active' && parent.unionId !== moving.unionId && parent.unionId !== moving.parentId ? parent : null

  return (
    <View className="page e2e-staff-unions">
      {moving && (
        <View className="notice e2e-tree-moving">
          <Text>正在移动「{moving.name}」：进入新的上级工会，再点“移到这里”。不能移到它自己或它的下级工会下面。</Text>
          <View className="button-row">
            {moveTarget && (
              <Button type="primary" className="tappable e2e-tree-move-here" loading={busy} disabled={busy} onClick={() => void moveHere(moveTarget)}>
                移到「{moveTarget.name}」下
              </Button>
            )}
            <Button className="tappable e2e-tree-move-cancel" onClick={() => setMoving(null)}>
              取消移动
            </Button>
          </View>
        </View>
      )}

      <View className="admin-crumbs">
        <Text className={`admin-crumb e2e-tree-crumb-top${parentId ? '' : ' admin-crumb--here'}`} {...a11y('link')} onClick={() => go(undefined)}>
          我的工会
        </Text>
        {data?.path.map((step, index) => (
          <Text
            key={step.unionId}
            className={`admin-crumb e2e-tree-crumb-${index}${step.unionId === parentId ? ' admin-crumb--here' : ''}`}
            {...a11y('link')}
            onClick={() => go(step.unionId)}
          >
            › {step.name}
          </Text>
        ))}
      </View>

      {parent && (
        <View className="panel e2e-tree-parent">
          <Text className="panel__title e2e-tree-parent-name">{parent.name}</Text>
          {describeUnion(parent).map((line) => (
            <Text key={line} className="hint">
              {line}
            </Text>
          ))}
          {parent.canManage && parent.status === 'active' && (
            <View className="button-row">
              <Button type="primary" className="tappable e2e-tree-create" onClick={() => void Taro.navigateTo({ url: pageUrl(STAFF_PAGES.unionEdit, { parentId: parent.unionId }) })}>
                新建下级工会
              </Button>
              {unionLinks(parent).map((link) => (
                <Button key={link.key} className={`tappable e2e-tree-${link.key}`} onClick={() => void Taro.navigateTo({ url: link.url })}>
                  {link.label}
                </Button>
              ))}
            </View>
          )}
        </View>
      )}
      {parent && <Text className="section-title">下级工会</Text>}

      <RemoteList list={tree} empty={parent ? '下面还没有工会' : '你还不是任何工会的工作人员'}>
        {(node, index) => (
          <View key={node.unionId} className={`admin-row e2e-union-${index}${node.status === 'retired' ? ' admin-row--retired' : ''}`}>
            <View
              className="admin-row__main tappable"
              // The row's own text is its name for a screen reader (a label that rewords it fails WCAG 2.5.3).
              {...(node.canManage ? a11y('link') : {})}
              onClick={() => (node.canManage ? go(node.unionId) : undefined)}
            >
              {/* The name has its own element: the tag and the › marker beside it are not part of it. */}
              <Text className="admin-row__title">
                <Text className="e2e-union-name">{node.name}</Text>
                {node.status === 'retired' && <Text className="admin-tag">已撤销</Text>}
                {node.canManage && <Text className="admin-row__more"> ›</Text>}
              </Text>
              <Text className="admin-row__meta">
                {[UNION_KIND_LABELS[node.kind], node.district, node.childCount > 0 ? `下级 ${node.childCount} 个` : null, node.takesMembers ? null : '不接收入会申请']
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </View>
            {node.canManage && node.status === 'active' && (
              <Button size="small" className="tappable e2e-union-manage" onClick={() => setOpened(opened === node.unionId ? null : node.unionId)}>
                {opened === node.unionId ? '收起' : '管理'}
              </Button>
            )}
            {opened === node.unionId && (
              <View className="button-row">
                {unionLinks(node).map((link) => (
                  <Button key={link.key} className={`tappable e2e-union-${link.key}`} onClick={() => void Taro.navigateTo({ url: link.url })}>
                    {link.label}
                  </Button>
                ))}
                <Button className="tappable e2e-union-move" onClick={() => setMoving(node)}>
                  移动
                </Button>
                <Button className="tappable e2e-union-retire" onClick={() => setRetiring(node.unionId)}>
                  撤销
                </Button>
              </View>
            )}
            {retiring === node.unionId && (
              <ConfirmBar
                question={`撤销「${node.name}」？会员、案件和活动记录都会保留，入会二维码将不再接收新会员。下面还有工会时不能撤销。`}
                confirmLabel="确认撤销"
                busy={busy}
                e2e="e2e-union-retire"
                onConfirm={() => void retire(node)}
                onCancel={() => setRetiring(null)}
              />
            )}
          </View>
        )}
      </RemoteList>
    </View>
  )
}

export default withTextSize(StaffUnionsPage)
