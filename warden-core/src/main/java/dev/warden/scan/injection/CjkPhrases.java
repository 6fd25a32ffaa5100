package dev.warden.scan.injection;

import dev.warden.scan.text.FoldedText;
import java.util.List;

/**
 * Instruction override, jailbreak and prompt-leak phrasing in Chinese, Japanese and Korean, which
 * are not split into words by spaces: a verb and an object within a few characters of each other,
 * in either order, found with plain substring search.
 */
final class CjkPhrases {
    private static final int WINDOW = 12;
    private static final String[] IGNORE = {"忽略", "无视", "無視", "忽视", "忽視", "忘记", "忘記", "忘掉", "不要理会", "不要理會",
        "不要遵守", "不要遵循", "放弃", "放棄", "跳过", "跳過", "忘れ", "無効", "무시", "잊어", "잊고", "잊으"};
    private static final String[] RULES = {"指令", "指示", "提示", "规则", "規則", "说明", "說明", "设定", "設定", "命令", "要求",
        "限制", "ルール", "プロンプト", "制約", "지시", "지침", "명령", "규칙", "프롬프트", "설정"};
    private static final String[] BEFORE = {"之前", "以前", "上面", "以上", "先前", "前面", "所有", "全部", "前の", "上記", "これまで",
        "すべての", "全ての", "이전", "위의", "모든", "앞의", "原来", "原來", "系统", "系統"};
    private static final String[] NO_LIMITS = {"没有任何限制", "不受任何限制", "沒有任何限制", "不受限制", "无任何限制", "制限なし",
        "制限のない", "制限を無視", "제한 없는", "제한이 없는", "제한 없이", "开发者模式", "開發者模式", "開発者モード", "개발자 모드"};
    private static final String[] SYSTEM_PROMPT = {"系统提示", "系統提示", "システムプロンプト", "시스템 프롬프트", "初始指令", "隐藏指令",
        "最初の指示"};
    private static final String[] REVEAL = {"显示", "顯示", "输出", "輸出", "告诉", "告訴", "泄露", "重复", "重複", "打印", "表示",
        "教えて", "出力", "출력", "보여", "알려"};

    void collect(FoldedText folded, List<Signal> out) {
        String t = folded.text();
        // the word lists are written composed; folded text is recomposed the same way (NFC)
        if (!hasWideScript(t)) {
            return;
        }
        near(folded, IGNORE, RULES, Family.OVERRIDE, 0.6, out);
        for (int[] hit : pairs(t, IGNORE, RULES)) {
            boolean qualified = false;
            for (String q : BEFORE) {
                int from = Math.max(0, hit[0] - WINDOW);
                int to = Math.min(t.length(), hit[1] + WINDOW);
                qualified |= t.substring(from, to).contains(q);
            }
            if (qualified) {
                out.add(new Signal(Family.OVERRIDE, folded.originalStart(hit[0]), folded.originalEnd(hit[1]), 0.85));
            }
        }
        for (String s : NO_LIMITS) {
            int n = 0;
            for (int i = t.indexOf(s); i >= 0 && n++ < 32; i = t.indexOf(s, i + s.length())) {
                out.add(new Signal(Family.JAILBREAK, folded.originalStart(i), folded.originalEnd(i + s.length()), 0.4));
            }
        }
        near(folded, REVEAL, SYSTEM_PROMPT, Family.LEAK, 0.55, out);
    }

    private static void near(FoldedText folded, String[] a, String[] b, Family family, double score, List<Signal> out) {
        for (int[] hit : pairs(folded.text(), a, b)) {
            out.add(new Signal(family, folded.originalStart(hit[0]), folded.originalEnd(hit[1]), score));
        }
    }

    /** Spans where a word of {@code a} and a word of {@code b} are within the window, either order. */
    private static List<int[]> pairs(String t, String[] a, String[] b) {
        List<int[]> found = new java.util.ArrayList<>();
        for (String x : a) {
            for (int i = t.indexOf(x); i >= 0 && found.size() < 32; i = t.indexOf(x, i + x.length())) {
                int from = Math.max(0, i - WINDOW);
                int to = Math.min(t.length(), i + x.length() + WINDOW);
                String around = t.substring(from, to);
                for (String y : b) {
                    int j = around.indexOf(y);
                    if (j >= 0) {
                        int ys = from + j;
                        found.add(new int[] {Math.min(i, ys), Math.max(i + x.length(), ys + y.length())});
                        break;
                    }
                }
            }
        }
        return found;
    }

    /** No char below this one (the first Hangul jamo) is Han, Hiragana, Katakana or Hangul. */
    static final char FIRST_WIDE = '\u1100';

    private static boolean hasWideScript(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < FIRST_WIDE) {
                continue; // Latin, Greek, Cyrillic...: no script lookup
            }
            Character.UnicodeScript s = Character.UnicodeScript.of(c);
            if (s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
                    || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL) {
                return true;
            }
        }
        return false;
    }
}
