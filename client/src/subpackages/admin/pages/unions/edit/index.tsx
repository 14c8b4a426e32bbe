import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { unionsContract } from '@shared/contract/unions'
import { takesMembersByDefault } from '@shared/rules/join'
import { parsePlatforms, unionFieldProblems } from '@shared/rules/union-fields'
import { SECTOR_LABELS, SECTOR_PLATFORMS, SECTORS, UNION_KIND_LABELS, UNION_KINDS, type Sector, type UnionKind } from '@shared/vocabulary'
import { fieldMessages, newRequestId, showError } from '../../../../../services/cloud'
import { createUnion, fetchUnionTree, updateUnion, type UnionNode } from '../../../../../services/unions'
import { Chips } from '../../../../../components/Chips'
import { Field, FormItem } from '../../../../../components/Field'
import { Remote } from '../../../../../components/Remote'
import { Toggle } from '../../../../../components/Toggle'
import { useRemote } from '../../../../../hooks/useRemote'
import { queryValue } from '../../../../../components/staff-routes'
import { withTextSize } from '../../../../../components/TextSize'
import '../../../../../components/admin.css'

interface Form {
  name: string
  kind: UnionKind
  sector: Sector | ''
  district: string
  platforms: string
  takesMembers: boolean
  contactPhone: string
  address: string
}

const KIND_CHOICES = UNION_KINDS.map((value) => ({ value, label: UNION_KIND_LABELS[value] }))
const SECTOR_CHOICES = SECTORS.map((value) => ({ value, label: SECTOR_LABELS[value] }))

/** What usually sits below a union of this kind: sector and district federations below a city, enterprises below them. */
const KIND_BELOW: Record<UnionKind, UnionKind> = { federation: 'sector', sector: 'enterprise', district: 'enterprise', enterprise: 'enterprise' }

function formOf(node: UnionNode): Form {
  return {
    name: node.name,
    kind: node.kind,
    sector: node.sector ?? '',
    district: node.district ?? '',
    platforms: node.platforms.join('、'),
    takesMembers: node.takesMembers,
    contactPhone: node.contactPhone ?? '',
    address: node.address ?? '',
  }
}

function blankBelow(parent: UnionNode): Form {
  const kind = KIND_BELOW[parent.kind]
  return { name: '', kind, sector: '', district: parent.district ?? '', platforms: '', takesMembers: takesMembersByDefault(kind), contactPhone: '', address: '' }
}

/** The form as the contract takes it: empty optional fields are null, platforms a list. */
function toInput(form: Form) {
  const optional = (value: string) => (value.trim() === '' ? null : value.trim())
  return {
    name: form.name,
    kind: form.kind,
    sector: form.kind === 'sector' && form.sector ? form.sector : null,
    district: optional(form.district),
    platforms: parsePlatforms(form.platforms),
    takesMembers: form.takesMembers,
    contactPhone: optional(form.contactPhone),
    address: optional(form.address),
  }
}

/**
 * A union's settings: a new union below `parentId`, or the union `unionId` as it is. What routing,
 * the join form and the union's join code use comes from here.
 */
function StaffUnionEditPage() {
  const { params } = useRouter()
  const unionId = queryValue(params, 'unionId')
  const parentId = queryValue(params, 'parentId')
  const [form, setForm] = useState<Form | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const requestId = useRef<string | null>(null)

  // The union being edited, or the one a new union goes below; loaded once, so typing is never replaced.
  const loaded = useRemote(
    async () => {
      const result = await fetchUnionTree(unionId ?? parentId, 1)
      const node = result.ok ? result.data.parent : null
      if (node) setForm((current) => current ?? (unionId ? formOf(node) : blankBelow(node)))
      return result
    },
    { everyShow: false },
  )

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    requestId.current = null
    setForm((current) => {
      if (!current) return current
      const next = { ...current, [key]: value }
      // A new union's kind brings its usual settings until the admin sets them.
      if (key === 'kind' && !unionId) next.takesMembers = takesMembersByDefault(value as UnionKind)
      if (key === 'sector' && next.platforms.trim() === '' && value) next.platforms = SECTOR_PLATFORMS[value as Sector].join('、')
      return next
    })
    setErrors((current) => ({ ...current, [key]: '' }))
  }

  async function submit(current: Form, target: UnionNode) {
    const input = toInput(current)
    const parsed = unionId
      ? unionsContract.update.input.safeParse({ unionId, ...input })
      : unionsContract.create.input.safeParse({ parentId: target.unionId, ...input })
    const messages: Record<string, string> = {}
    if (!parsed.success) for (const issue of parsed.error.issues) messages[String(issue.path[0])] ??= issue.message
    for (const problem of unionFieldProblems(input)) messages[problem.path] ??= problem.message
    if (Object.keys(messages).length > 0) {
      setErrors(messages)
      return void Taro.showToast({ title: '请按红字提示修改', icon: 'none' })
    }
    setBusy(true)
    requestId.current ??= newRequestId()
    const result = unionId ? await updateUnion({ unionId, ...input }, requestId.current) : await createUnion({ parentId: target.unionId, ...input }, requestId.current)
    setBusy(false)
    if (!result.ok) {
      setErrors(fieldMessages(result.error))
      return showError(result.error)
    }
    void Taro.showToast({ title: unionId ? '已保存' : '已新建', icon: 'success' })
    void Taro.navigateBack()
  }

  const error = (key: string) => errors[key] || undefined

  return (
    <View className="page e2e-staff-union-edit">
      <Remote state={loaded.state} onRetry={() => void loaded.reload()} rows={6}>
        {({ parent }) =>
          !parent || !form ? null : (
            <View>
              <View className="panel">
                <Text className="panel__title">{unionId ? `编辑「${parent.name}」` : `在「${parent.name}」下新建工会`}</Text>
                <Text className="hint">名称、类型和服务范围决定职工能否找到并加入这个工会；每个工会有自己的入会二维码。</Text>
              </View>
              <View className="panel">
                <Field label="工会名称" e2e="e2e-union-form-name" value={form.name} onChange={(value) => set('name', value)} error={error('name')} placeholder="如 示范市快递行业工会联合会" maxLength={40} />
                <FormItem label="类型" e2e="e2e-union-form-kind" error={error('kind')}>
                  <Chips choices={KIND_CHOICES} value={form.kind} onChange={(value) => set('kind', value)} e2e="e2e-union-form-kind" />
                </FormItem>
                {form.kind === 'sector' && (
                  <>
                    <FormItem label="所属行业" e2e="e2e-union-form-sector" error={error('sector')}>
                      <Chips choices={SECTOR_CHOICES} value={form.sector || undefined} onChange={(value) => set('sector', value)} e2e="e2e-union-form-sector" />
                    </FormItem>
                    <Field
                      label="服务的平台"
                      e2e="e2e-union-form-platforms"
                      value={form.platforms}
                      onChange={(value) => set('platforms', value)}
                      error={error('platforms')}
                      hint="用顿号或逗号分开。在这些平台接单的劳动者按平台找工会时，会找到本会"
                      maxLength={400}
                    />
                  </>
                )}
                <Field
                  label={form.kind === 'district' ? '所在区县' : '所在区县（选填）'}
                  e2e="e2e-union-form-district"
                  value={form.district}
                  onChange={(value) => set('district', value)}
                  error={error('district')}
                  placeholder="如 滨江区"
                  maxLength={20}
                />
                <Toggle checked={form.takesMembers} onChange={(value) => set('takesMembers', value)} e2e="e2e-union-form-takesMembers" error={error('takesMembers')}>
                  <Text>接收入会申请（总工会一般不直接发展会员，职工加入下级工会）</Text>
                </Toggle>
              </View>
              <View className="panel">
                <Field label="联系电话（选填）" e2e="e2e-union-form-contactPhone" type="tel" value={form.contactPhone} onChange={(value) => set('contactPhone', value)} error={error('contactPhone')} placeholder="如 0571-87654321" maxLength={20} />
                <Field label="办公地址（选填）" e2e="e2e-union-form-address" value={form.address} onChange={(value) => set('address', value)} error={error('address')} maxLength={100} />
              </View>
              <Button type="primary" block id="union-form-submit" className="tappable e2e-union-form-submit" loading={busy} disabled={busy} onClick={() => void submit(form, parent)}>
                {unionId ? '保存' : '新建工会'}
              </Button>
            </View>
          )
        }
      </Remote>
    </View>
  )
}

export default withTextSize(StaffUnionEditPage)
