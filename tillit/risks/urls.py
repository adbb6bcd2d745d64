from django.urls import path

from tillit.risks import matrix_views, views

app_name = "risks"

urlpatterns = [
    path("", views.analysis_list, name="analysis_list"),
    path("ny/", views.analysis_new, name="analysis_new"),
    path("register/", views.register, name="register"),
    path("<int:pk>/", views.analysis_detail, name="analysis_detail"),
    path("<int:pk>/andra/", views.analysis_edit, name="analysis_edit"),
    path("<int:pk>/risker/", views.risk_new, name="risk_new"),
    path("<int:pk>/status/<slug:code>/", views.analysis_transition, name="analysis_transition"),
    path("risk/<int:pk>/", views.risk_detail, name="risk_detail"),
    path("fran-handelse/<int:event_pk>/", views.risk_from_event_view, name="risk_from_event"),
    path("matriser/", matrix_views.matrix_list, name="matrix_list"),
    path("matriser/<int:pk>/", matrix_views.matrix_detail, name="matrix_detail"),
    path("matriser/<int:pk>/ny-version/", matrix_views.matrix_new_version, name="matrix_new_version"),
    path("matriser/<int:pk>/egen/", matrix_views.matrix_new_own, name="matrix_new_own"),
    path("matriser/<int:pk>/andra/", matrix_views.matrix_edit, name="matrix_edit"),
    path("matriser/<int:pk>/aktivera/", matrix_views.matrix_activate_view, name="matrix_activate"),
]
