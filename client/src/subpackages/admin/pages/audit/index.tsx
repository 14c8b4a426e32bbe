import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { staffContract } from '@shared/contract/staff'
import { AUDIT_GROUP_LABELS, AUDIT_GROUPS } from '@shared/rules/audit-actions'
import { formatFullDateTime } from '@shared/rules/china-time'
import { fetchAuditLog, type AuditEntry, type AuditFilter } from '../../../../services/staff'
import { a11y } from '../../../../components/a11y'
import { Chips } from '../../../../components/Chips'
import { Field, FormItem } from '../../../../components/Field'
import { RemoteList } from '../../../../components/Remote'
import { usePagedList } from '../../../../hooks/usePagedList'
import { queryValue } from '../../../../components/staff-routes'
import { withTextSize } from '../../../../components/TextSize'
import '../../../../components/admin.css'

const ALL = 'all'
const GROUP_CHOICES = [{ value: ALL, label: '全部' }, ...AUDIT_GROUPS.map((value) => ({ value, label: AUDIT_GROUP_LABELS[value] }))]

interface Who {
  id: string
  name: string
}

/** One entry: when, who, what, where; and each changed value before → after. */
function EntryRow({ entry, index, onActor }: { entry: AuditEntry; index: number; onActor: (who: Who) => void }) {
  return (
    <View className={`admin-row e2e-audit-${index}`}>
      <Text className="admin-row__title e2e-audit-action">{entry.actionLabel}</Text>
      <Text className="admin-row__meta">
        {formatFullDateTime(entry.at)} · {entry.unionName ?? '全市'}
      </Text>
      <Text
        className="admin-crumb e2e-audit-actor"
        {...a11y('button')}
        onClick={() => onActor({ id: entry.actorId, name: entry.actorName })}
      >
        操作人：{entry.actorName}（只看此人）
      </Text>
      <Text className="admin-change">对象：{entry.target}</Text>
      {entry.changes.map((change) => (
        <Text key={change.field} className="admin-change">
          {change.label}：{change.before ?? '（空）'} → {change.after ?? '（空）'}
        </Text>
      ))}
      {entry.details.map((detail) => (
        <Text key={detail.field} className="admin-change">
          {detail.label}：{detail.value}
        </Text>
      ))}
    </View>
  )
}

/**
 * 操作记录: what staff did in the unions the admin manages, newest first: decisions on applications,
 * looks at personal data, case handling, and every change to the tree and its staff. Filtered by
 * union (opened from 组织架构), person (tap a name), kind of action and China days.
 */
function StaffAuditPage() {
  const { params } = useRouter()
  const [union, setUnion] = useState<Who | null>(() => {
    const id = queryValue(params, 'unionId')
    return id ? { id, name: queryValue(params, 'unionName') ?? id } : null
  })
  const [actor, setActor] = useState<Who | null>(() => {
    const id = queryValue(params, 'actorId')
    return id ? { id, name: queryValue(params, 'actorName') ?? '此人' } : null
  })
  const [group, setGroup] = useState<string>(ALL)
  const [days, setDays] = useState({ from: '', to: '' })
  const [applied, setApplied] = useState({ from: '', to: '' })
  const [dayErrors, setDayErrors] = useState<Record<string, string>>({})

  const filter: AuditFilter = {
    ...(union ? { unionId: union.id } : {}),
    ...(actor ? { actorId: actor.id } : {}),
    ...(group !== ALL ? { action: group } : {}),
    ...(applied.from ? { from: applied.from } : {}),
    ...(applied.to ? { to: applied.to } : {}),
  }
  const log = usePagedList<AuditEntry>((page) => fetchAuditLog(filter, page), { key: JSON.stringify(filter) })

  function applyDays() {
    const wanted = { ...(days.from.trim() ? { from: days.from.trim() } : {}), ...(days.to.trim() ? { to: days.to.trim() } : {}) }
    const checked = staffContract.auditLog.input.safeParse(wanted)
    if (!checked.success) {
      const messages: Record<string, string> = {}
      for (const issue of checked.error.issues) messages[String(issue.path[0])] ??= issue.message
      return setDayErrors(messages)
    }
    setDayErrors({})
    setApplied({ from: wanted.from ?? '', to: wanted.to ?? '' })
  }

  return (
    <View className="page e2e-staff-audit">
      <View className="panel">
        {(union || actor) && (
          <View className="button-row">
            {union && (
              <Button size="small" className="tappable e2e-audit-union-clear" onClick={() => setUnion(null)}>
                工会：{union.name} ✕
              </Button>
            )}
            {actor && (
              <Button size="small" className="tappable e2e-audit-actor-clear" onClick={() => setActor(null)}>
                操作人：{actor.name} ✕
              </Button>
            )}
          </View>
        )}
        <FormItem label="操作类型" e2e="e2e-audit-group">
          <Chips choices={GROUP_CHOICES} value={group} onChange={setGroup} e2e="e2e-audit-group" />
        </FormItem>
        <Field label="开始日期" e2e="e2e-audit-from" value={days.from} onChange={(from) => setDays({ ...days, from })} error={dayErrors.from} placeholder="年-月-日，如 2026-01-01" maxLength={10} />
        <Field label="结束日期" e2e="e2e-audit-to" value={days.to} onChange={(to) => setDays({ ...days, to })} error={dayErrors.to} placeholder="年-月-日" maxLength={10} />
        <Button block className="tappable e2e-audit-apply-days" onClick={applyDays}>
          按日期筛选
        </Button>
      </View>
      <RemoteList list={log} empty="没有符合条件的操作记录">
        {(entry, index) => <EntryRow key={entry.entryId} entry={entry} index={index} onActor={setActor} />}
      </RemoteList>
    </View>
  )
}

export default withTextSize(StaffAuditPage)
