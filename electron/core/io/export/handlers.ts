import { AppError, badInput, conflict, notFound } from '../../errors';
import { readRegularFile } from '../../fs-guard';
import type { HandlersOf, TaskContext } from '../../handler-types';
import { buildPackage, prepareForms } from './build-package';
import { scheduleAnsweredBy, scheduleStatuses } from './calendar';
import { answerOptions, chosenAnswer } from './report-answers';
import { exportFormById, listExportForms } from './catalogue';
import { exportContract, type ExportPreview } from './contract';
import { verifyAndMerge } from './district';
import { earlierHeads } from './export-witness';
import { keepHeads, keptHeads } from './district-heads.repo';
import { fillDistrictTemplate } from './district-template';
import { auditFullNumbers, checkPeriod, dataRowCount, officeNameOf, readFormRows, refuseEmpty } from './form-rows';
import { formById, whyLeftOut } from './forms/registry';
import { printedRosterPeriod } from './forms/observation-roster';
import { currentOfficeKey, ensureOfficeKey, parsePublicKeyFile, publicKeyFileText, signingKey, type OfficeKey } from './office-key';
import { verifyPackage } from './package-format';
import { auditHeadNow } from '../../audit/anchor';
import { personalDataOf } from './personal-numbers';
import * as q from './queries';
import { writeVerifiedAside } from './safe-write';
import { placeAudited } from '../../task-write';
import { templateHandlers } from './templates/handlers';

function checkCancelled(ctx: TaskContext): void {
  if (ctx.signal.aborted) throw new AppError('CANCELLED', '已取消，没有写出任何文件。');
}

/** The office key, made on first use inside its own audited transaction. */
function officeKey(ctx: TaskContext): OfficeKey {
  return ctx.write((db, audit) => {
    const { key, created } = ensureOfficeKey(db, ctx.sealer, ctx.clock.nowIso());
    if (created) audit({ entity: 'office_key', entityId: key.id, after: { fingerprint: key.fingerprint } });
    return key;
  });
}

export const exportHandlers: HandlersOf<typeof exportContract> = {
  'export.forms': (db) => listExportForms(db).map((f) => ({ id: f.id, title: f.title, available: whyLeftOut(db, f.base) === null })),

  // Numbers as the ledger stores their masks (no sealer): the printed roster is posted at checkpoints and carried about.
  'export.form.print': (db, input, ctx) => {
    const form = formById(input.formId)!;
    const why = whyLeftOut(db, form);
    if (why) throw badInput(`「${form.title}」不能打印：${why}。`);
    const today = ctx.clock.today();
    const { from, to } = input.from && input.to ? { from: input.from, to: input.to } : printedRosterPeriod(today);
    return {
      id: form.id,
      title: form.title,
      officeName: officeNameOf(db),
      from,
      to,
      landscape: form.landscape,
      columns: form.columns.map((c) => ({ key: c.key, header: c.header, width: c.width })),
      rows: form.read(db, { from, to, today }, null),
    };
  },

  'export.preview': (db, input, ctx): ExportPreview => {
    checkPeriod(input);
    const forms: ExportPreview['forms'] = [];
    const leftOut: ExportPreview['leftOut'] = [];
    // Templates share their base form's rows: each base is read once.
    const counted = new Map<string, number>();
    for (const form of listExportForms(db)) {
      const why = whyLeftOut(db, form.base);
      if (why) {
        leftOut.push({ id: form.id, title: form.title, reason: why });
        continue;
      }
      // Counting reads masked: the preview never needs a full number.
      const rows =
        counted.get(form.base.id) ?? dataRowCount(form, readFormRows(db, ctx.sealer, form, { ...input, today: ctx.clock.today() }, ctx.session.role, false));
      counted.set(form.base.id, rows);
      const full = form.policy.fullNumbers;
      forms.push({
        id: form.id,
        title: form.title,
        kind: form.kind,
        sheetName: form.base.sheetName,
        rows,
        personalData: personalDataOf(form.columns, full),
        fullNumbers: full,
        numbersReason: form.policy.reason,
      });
    }
    return {
      officeName: officeNameOf(db),
      from: input.from,
      to: input.to,
      forms,
      leftOut,
      correction: q.periodWasSent(db, input.from, input.to),
      keyFingerprint: currentOfficeKey(db)?.fingerprint ?? null,
    };
  },

  'export.write': async (input, ctx) => {
    checkPeriod(input);
    // Refused before anything is read or written: a report not open, or a 更正 answering another than its original.
    const answers = input.answers;
    if (answers !== undefined) chosenAnswer(ctx.read, ctx.clock, { ...input, answers });
    const period = { from: input.from, to: input.to };
    const total = 4;
    ctx.progress('读取台账', 0, total);
    // Read as of today: a period may end after it (本期漏检 counts days already over).
    const forms = prepareForms(ctx.read, ctx.sealer, input.formIds, { ...period, today: ctx.clock.today() }, ctx.session.role);
    refuseEmpty(
      forms.map((f) => ({ form: f.form, rows: f.dataRows })),
      period,
      (id) => input.emptyConfirmed.includes(id),
    );
    ctx.progress('准备签名密钥', 1, total);
    const folder = ctx.files.folder(input.folder);
    // The private half is opened here, where the package is signed, and nowhere else.
    const key = signingKey(ctx.read, ctx.sealer, officeKey(ctx));
    const correction = q.periodWasSent(ctx.read, input.from, input.to);
    const generatedAt = ctx.clock.nowIso();
    // Intact as audit.verify would say it (witnesses included), and what the log now holds at the earlier packages' rows.
    const head = auditHeadNow(ctx.read, ctx.sealer, generatedAt, ctx.services.anchorWitnesses, ctx.clock.timeZone);
    const auditHead = head && { ...head, earlier: earlierHeads(ctx.read) };
    const built = await buildPackage(
      ctx.read,
      {
        officeName: officeNameOf(ctx.read),
        period,
        forms,
        correction,
        generatedAt,
        generatedBy: ctx.session.displayName,
        madeOn: ctx.clock.today(),
        timeZone: ctx.clock.timeZone,
        password: input.password,
        key,
        auditHead,
      },
      (phase) => ctx.progress(phase, 2, total),
    );
    checkCancelled(ctx);
    ctx.progress('写入并核对', 3, total);
    const file = await writeVerifiedAside(folder, built.fileName, built.bytes, async (readBack) => {
      const v = await verifyPackage(readBack, input.password, [{ officeName: '', publicKeyPem: key.publicKeyPem, fingerprint: key.fingerprint }]);
      if (!v.ok) throw new Error(v.reason);
    });
    const path = file.path;
    // The package is placed inside its log row's transaction (task-write.ts): none without the row, none after the window ended.
    const logId = placeAudited(ctx, file, (db, audit) => {
      // A package of this period placed while this one was built (another window): this one says it is the first, and
      // both would read as first reports of the period, answering one report (S49-A7). Made again, it is a 更正.
      if (!correction && q.periodWasSent(db, input.from, input.to))
        throw conflict(`${input.from} 至 ${input.to} 的上报包刚刚已由另一个窗口生成；本次没有保存，请重新生成（将作为更正）。`);
      // Again in the row's transaction: another package may have answered that report while this one was built.
      // Without a choice: a 更正 (the period went before) answers no report (S48-A3), any other package the guess.
      const link =
        answers !== undefined
          ? chosenAnswer(db, ctx.clock, { ...input, answers })
          : correction
            ? null
            : scheduleAnsweredBy(db, ctx.clock, input.formIds, input.to);
      const id = q.insertExportLog(db, {
        at: generatedAt,
        userId: ctx.session.userId,
        username: ctx.session.username,
        periodFrom: input.from,
        periodTo: input.to,
        formIds: input.formIds,
        destination: path,
        fileName: built.fileName,
        sha256: built.sha256,
        bytes: built.bytes.length,
        fingerprint: key.fingerprint,
        isCorrection: correction,
        scheduleId: link?.scheduleId ?? null,
        dueDay: link?.dueDay ?? null,
        auditHead,
      });
      audit({ entity: 'export', entityId: id, after: q.getExportLog(db, id) });
      for (const f of forms) {
        if (!f.form.policy.fullNumbers) continue;
        auditFullNumbers(audit, { form: f.form, period, rows: f.dataRows, reason: input.numbersReason || f.form.policy.reason || '', destination: path });
      }
      return id;
    });
    ctx.progress('完成', total, total);
    return { path, fileName: built.fileName, sha256: built.sha256, bytes: built.bytes.length, correction, logId, counts: built.manifest.counts };
  },

  'export.answers': (db, input, ctx) => answerOptions(db, ctx.clock, input),

  'export.log': (db, input) => q.listExportLog(db, input.offset, input.limit),

  'export.officeKey': (db, _input, ctx) => {
    const { key, created } = ensureOfficeKey(db, ctx.sealer, ctx.clock.nowIso());
    if (created) ctx.audit({ entity: 'office_key', entityId: key.id, after: { fingerprint: key.fingerprint } });
    else ctx.audit({ entity: 'office_key', entityId: key.id, after: { viewed: true } });
    return { fingerprint: key.fingerprint, createdAt: key.createdAt, publicKeyFile: publicKeyFileText(officeNameOf(db), key) };
  },

  'export.savePublicKey': async (input, ctx) => {
    const folder = ctx.files.folder(input.folder);
    const key = officeKey(ctx);
    const office = officeNameOf(ctx.read);
    const text = publicKeyFileText(office, key);
    const file = await writeVerifiedAside(folder, `${office.replace(/[\\/:*?"<>|\s]+/g, '_')}_上报公钥.pub`, Buffer.from(text, 'utf8'), async (readBack) => {
      if (parsePublicKeyFile(readBack.toString('utf8')).fingerprint !== key.fingerprint) throw new Error('fingerprint');
    });
    placeAudited(ctx, file, (_db, audit) => audit({ entity: 'office_key', entityId: key.id, after: { savedTo: file.path } }));
    return { path: file.path };
  },

  'export.schedules.list': (db, _input, ctx) => scheduleStatuses(db, ctx.clock),

  'export.schedules.save': (db, input, ctx) => {
    const unknown = input.formIds.find((f) => !exportFormById(db, f));
    if (unknown) throw badInput(`「上报表格」中没有「${unknown}」这张表。`);
    const before = input.id !== undefined ? q.getSchedule(db, input.id) : undefined;
    if (input.id !== undefined && !before) throw notFound('这项定期报表');
    const id = q.saveSchedule(db, input, ctx.clock.nowIso());
    const after = q.getSchedule(db, id)!;
    ctx.audit({ entity: 'report_schedule', entityId: id, before, after });
    return after;
  },

  'export.schedules.remove': (db, input, ctx) => {
    const before = q.getSchedule(db, input.id);
    if (!before) throw notFound('这项定期报表');
    q.retireSchedule(db, input.id, ctx.clock.nowIso());
    ctx.audit({ entity: 'report_schedule', entityId: input.id, before, after: null });
    return { removed: true };
  },

  ...templateHandlers,

  'export.district.keys': (db) => q.listDistrictKeys(db).map(({ publicKeyPem: _pem, ...k }) => k),

  'export.district.addKey': (db, input, ctx) => {
    // A .pub file is a few hundred bytes: anything past 64 KB is not one (and is not read whole).
    const parsed = parsePublicKeyFile(readRegularFile(ctx.files.open(input.keyPath), 64 * 1024, '公钥文件').toString('utf8'));
    const clash = q.listDistrictKeys(db).find((k) => k.fingerprint === parsed.fingerprint);
    if (clash) throw conflict(`这把公钥已经登记过（${clash.officeName}，指纹 ${clash.fingerprint}）。`);
    const id = q.insertDistrictKey(db, parsed, ctx.clock.nowIso());
    const after = q.listDistrictKeys(db).find((k) => k.id === id)!;
    const { publicKeyPem: _pem, ...shown } = after;
    ctx.audit({ entity: 'district_key', entityId: id, after: shown });
    return shown;
  },

  'export.district.verify': async (input, ctx) => {
    const trusted = q.listDistrictKeys(ctx.read);
    // An office may also check its own packages: its own key is always trusted.
    const own = currentOfficeKey(ctx.read);
    if (own) trusted.push({ id: 0, officeName: officeNameOf(ctx.read), fingerprint: own.fingerprint, publicKeyPem: own.publicKeyPem, addedAt: own.createdAt });
    const packages = input.packages.map((p) => ({ path: ctx.files.open(p.path), password: p.password }));
    // The chosen folder too, before the awaits (a lock meanwhile drops the choice with the window).
    const template = input.template ? { id: input.template.id, folder: ctx.files.folder(input.template.folder) } : null;
    // Heads kept from earlier 核验 of these offices: a package's log is compared with last week's too, not only with those chosen now.
    const history = {
      seenBefore: keptHeads(
        ctx.read,
        trusted.map((k) => k.fingerprint),
      ),
      zone: ctx.clock.timeZone,
    };
    const decisions = new Map(input.decisions.map((d) => [d.packageId, d.choice]));
    const merged = await verifyAndMerge(packages, trusted, (done) => ctx.progress('核验上报包', done, input.packages.length), history, decisions);
    const filled = template ? await fillDistrictTemplate(ctx, template, merged.accepted) : null;
    const result = { packages: merged.packages, merged: merged.merged, filled };
    ctx.write((db, audit) => {
      for (const { id, head: h } of keepHeads(db, merged.heads, ctx.clock.nowIso())) {
        audit({ entity: 'district_audit_head', entityId: id, after: { office: h.officeName, generatedAt: h.generatedAt, ...h.head, package: h.key } });
      }
      audit({
        entity: 'district_verify',
        entityId: null,
        after: {
          packages: result.packages.map((p) => ({
            path: p.path,
            ok: p.ok,
            reason: p.reason,
            office: p.officeName,
            inSummary: p.counted,
            ...(p.auditFlag ? { auditFlag: p.auditFlag } : {}),
            ...(p.overlap ? { overlap: { with: p.overlap.with, decided: p.overlap.decided } } : {}),
          })),
          ...(input.decisions.length > 0 ? { decisions: input.decisions } : {}),
          filled,
        },
      });
    });
    return result;
  },
};
